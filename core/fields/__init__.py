"""Field parsers: deadlines, money amounts, responsible units."""
