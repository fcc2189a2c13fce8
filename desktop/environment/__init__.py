"""What the window stands on: settings, the ledger connection and password, fonts, logs,
Qt's Chinese translations and file dialogs."""
