"""The end-of-import summary reads right in every mix of outcomes (no Qt needed)."""

from __future__ import annotations

from desktop.actions.importing import FileOutcome, ImportSummary


def test_update_only_file_is_not_reported_as_an_import_of_nothing() -> None:
    updated = FileOutcome(
        "通知.docx", "documents_updated", known_documents=("中政办发〔2023〕4号",)
    )
    text = ImportSummary(imported=[updated]).text()
    assert "已导入" not in text
    assert "已存在的公文：中政办发〔2023〕4号，已按更新处理" in text


def test_new_and_updated_files_count_only_the_new_one() -> None:
    new = FileOutcome("公报.txt", "imported", documents=3, tasks_by_kind={"table": 5, "list": 2})
    updated = FileOutcome("通知.pdf", "documents_updated", known_documents=("兴政发〔2023〕4号",))
    text = ImportSummary(imported=[new, updated]).text()
    assert text.splitlines()[0] == "已导入 1 个文件，共 3 份公文，7 项任务。"
    assert "兴政发〔2023〕4号" in text


def test_all_failed_says_nothing_was_imported() -> None:
    text = ImportSummary(failed=["空.txt：文件为空"]).text()
    assert text.splitlines()[0] == "没有导入新的公报。"
    assert "空.txt：文件为空" in text
