"""The search index: derived data, rebuilt at will from the registered sources (never edited by
hand; see :mod:`search.documents`).

* ``SearchEntry`` — one row per searchable object (an exemplar, a unit, …): what a result
  shows, the unit that decides who may see it, and the folded free text for the phrase tier.
* ``SearchKey`` — the exact and prefix tiers: folded word tails stored as UTF-8 bytes, so that
  SQLite (BLOB) and PostgreSQL (bytea) both compare them with memcmp and a prefix is a btree
  range on either database.
* ``SearchTerm`` — the vocabulary of folded words: those of names and short fields, which the
  fuzzy tier corrects query words against, and those only in free text, which the phrase tier
  completes a last word with (small: tens of thousands of rows even at national scale; held in
  memory by :mod:`search.vocabulary`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyField(models.IntegerChoices):
    """Which text a key comes from; ``value // 10`` is its weight class (0 ranks first)."""

    NAME = 0, _("Tên")
    SHORT_NAME = 10, _("Tên viết tắt")
    CODE = 11, _("Mã")
    FORMER_NAME = 12, _("Tên cũ, đơn vị tiền thân")
    HEAD_NAME = 13, _("Người đứng đầu, phụ trách")
    POSITION = 20, _("Chức vụ")
    WORK_UNIT = 21, _("Đơn vị công tác")
    TEXT = 30, _("Nội dung")


class SearchEntry(models.Model):
    kind = models.CharField(max_length=10)  # a registered source's kind (search.documents)
    object_id = models.BigIntegerField()
    # Whose data it is: an exemplar's registering unit, or the unit itself.
    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=20, blank=True)  # exemplar kind or unit type
    name = models.CharField(max_length=255)
    unit_label = models.CharField(max_length=255, blank=True)
    detail = models.CharField(max_length=500, blank=True)
    # The indexed texts, in order; SearchKey.source points into this list.
    texts = models.JSONField(default=list)
    extra = models.TextField(blank=True)
    extra_folded = models.TextField(blank=True)  # GIN trigram index on PostgreSQL
    sort_key = models.BinaryField(default=b"")

    class Meta:
        verbose_name = _("mục tìm kiếm")
        verbose_name_plural = _("mục tìm kiếm")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_object"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.name}"


class SearchKey(models.Model):
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="keys")
    key = models.BinaryField()  # UTF-8 of the folded tail, e.g. b"thi mai"
    exact = models.CharField(max_length=255)  # the same tail with diacritics, e.g. "thị mai"
    field = models.PositiveSmallIntegerField(choices=KeyField.choices)
    source = models.PositiveSmallIntegerField()  # index into entry.texts
    start = models.PositiveSmallIntegerField()  # first word of the tail in that text

    class Meta:
        verbose_name = _("khóa tìm kiếm")
        verbose_name_plural = _("khóa tìm kiếm")
        # Each tier reads one index in the order it ranks, and stops at its LIMIT: the exact
        # tier by (key, exact, …), the folded and prefix tiers by (key, …).
        indexes = [
            models.Index(fields=["key", "exact", "field", "start", "entry"],
                         name="search_key_exact"),
            models.Index(fields=["key", "field", "start", "entry"], name="search_key_folded"),
        ]

    def __str__(self) -> str:
        return bytes(self.key).decode()


class SearchTerm(models.Model):
    term = models.CharField(max_length=64, unique=True)  # GIN trigram index on PostgreSQL
    ocr = models.CharField(max_length=64, db_index=True)
    grams = models.PositiveSmallIntegerField(db_index=True)  # number of distinct trigrams
    # A word of a name or a short field (typo correction corrects towards these); False: only in
    # free text (the phrase tier completes the query's last word with these too).
    in_names = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("từ vựng tìm kiếm")
        verbose_name_plural = _("từ vựng tìm kiếm")

    def __str__(self) -> str:
        return self.term


class Abbreviation(models.Model):
    """One abbreviation people write ("TTYT" for "trung tâm y tế"), expanded and contracted by
    the search (:mod:`search.wording`). Shipped in ``search/reference/words.toml``, loaded by
    ``load_reference_data``, edited by the system administrator in Django admin; a change
    applies to the next search, no index rebuild needed."""

    short = models.CharField(_("viết tắt"), max_length=30)
    full = models.CharField(_("viết đầy đủ"), max_length=120)
    active = models.BooleanField(_("đang dùng"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chữ viết tắt")
        verbose_name_plural = _("chữ viết tắt")
        ordering = ["short", "full"]
        constraints = [
            models.UniqueConstraint(fields=["short", "full"], name="search_abbreviation_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.short} — {self.full}"
