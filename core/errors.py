"""Typed errors the core raises; each message names the file and the problem in Chinese.

The CLI prints `str(error)` and exits with status 2; the GUI shows it in a message box.
Anything that is not a `TaizhangError` is a bug and goes to the crash report instead.
"""

from __future__ import annotations

from pathlib import Path


class TaizhangError(Exception):
    """Base of every error a clerk can understand and act on."""


class InputError(TaizhangError):
    """A file that cannot be imported; nothing was written anywhere."""

    problem = "无法读取"

    def __init__(self, path: str | Path, detail: str | None = None) -> None:
        self.path = str(path)
        self.detail = detail or self.problem
        super().__init__(f"{Path(self.path).name}：{self.detail}")


class FileMissingError(InputError):
    problem = "文件不存在或无法打开"


class EmptyFileError(InputError):
    problem = "文件为空"


class BinaryFileError(InputError):
    problem = "不是文本文件（疑为二进制文件）"


class UndecodableError(InputError):
    problem = "无法识别文件编码（不是 UTF-8、UTF-16 或 GB18030 文本）"


class MixedEncodingError(InputError):
    problem = "文件编码混杂（UTF-8 与 GBK），请统一另存为 UTF-8 后再导入"


class NotGazetteError(InputError):
    problem = "不是政府公报或政府文件（未找到文号、公报刊头或任务分工内容）"


class FileTooLargeError(InputError):
    problem = "文件过大"


class UnsupportedFormatError(InputError):
    problem = "不支持的文件格式"


class ScannedPdfError(InputError):
    problem = "该PDF为扫描件（无文字层），暂不支持"


class EncryptedFileError(InputError):
    problem = "文件已加密，请先解除密码保护"


class CorruptFileError(InputError):
    problem = "文件已损坏或不完整"


class TocOnlyError(InputError):
    """A file holding only a gazette's 目录 (an excerpt): nothing to import."""

    problem = "只有目录，没有公文正文，未导入（请导入完整的公报或公文）"
