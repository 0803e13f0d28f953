"""The block model of an official document (公文): plain data, rendered by render_docx/pdf/md."""

import datetime as dt
from dataclasses import dataclass, field

from ipweek.core.cn import heading_number


@dataclass(frozen=True)
class Heading:
    """A numbered heading (一、 （一） 1. （1）), optionally followed by run-in text on the same line."""

    level: int
    number: int
    text: str
    body: str = ""

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 4:
            raise ValueError(f"GB/T 9704 has four heading levels, not {self.level}")

    @property
    def numbering(self) -> str:
        return heading_number(self.level, self.number)

    @property
    def label(self) -> str:
        """Numbering and heading text, without the run-in body."""
        return self.numbering + self.text


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph, indented two characters."""

    text: str


Block = Heading | Paragraph


@dataclass
class OfficialDocument:
    """One official document; not a database table."""

    title: str
    doc_number: str = ""
    issuer_mark: str = ""
    addressees: str = ""
    blocks: list[Block] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    signature: str = ""
    signed_date: dt.date | None = None

    @property
    def has_masthead(self) -> bool:
        """True when the red issuing-authority header (版头) is printed."""
        return bool(self.issuer_mark)
