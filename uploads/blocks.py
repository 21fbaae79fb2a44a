"""A block of cell texts read from a file: a Word table, a run of paragraphs, or a sheet."""

from dataclasses import dataclass


@dataclass
class Block:
    label: str  # "bảng 2", "trang tính “I. Tập thể”" — for messages
    rows: list[tuple[int, list[str]]]  # (row number in the file, raw cell texts)
    is_table: bool = True
    heading: str = ""  # a sheet's name
    continues: bool = False  # a Word table that may carry on the previous one's columns
