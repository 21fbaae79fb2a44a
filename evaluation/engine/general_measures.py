"""The measures of the general criteria (G1–G6): judgements, ratings, recognitions, culture."""

from evaluation.engine import text as t
from evaluation.engine.case import Case, Document
from evaluation.engine.measures import FAIL, NEEDS_REVIEW, PASS, UNKNOWN, Outcome, Rule, measure
from guidance.measures import RatingsWindow


@measure("judgement")
def judgement(rule: Rule, case: Case) -> Outcome:
    """G1–G3 and F-<field>: a reviewer's decision, shown with who and when it was recorded."""
    recorded = case.judgements.get(rule.code) if case.judgements is not None else None
    if recorded is None:
        return NEEDS_REVIEW, "Chưa có ý kiến thẩm định của người xét duyệt."
    who = ", ".join(p for p in (recorded.by or "", t.date(recorded.at)) if p)
    source = f" ({who})" if who else ""
    note = f" Ghi chú: {recorded.note}" if recorded.note else ""
    if recorded.passed:
        return PASS, f"Người xét duyệt đánh giá đạt{source}.{note}"
    return FAIL, f"Người xét duyệt đánh giá không đạt{source}.{note}"


def window(rule: Rule, case: Case) -> range:
    """The ``years`` years up to and including the proposal year (Y-4…Y for 5)."""
    return range(case.year - rule.params.years + 1, case.year + 1)


@measure("ratings_window")
def ratings_window(rule: Rule, case: Case) -> Outcome:
    """G4: every year of the window at ``min_level`` or above, ``require_count`` at the top."""
    years = window(rule, case)
    ratings = case.ratings or {}
    p: RatingsWindow = rule.params
    ranks = rule.ratings.ranks
    minimum, required = ranks[p.min_level], ranks[p.require_level]
    below = [y for y in years if y in ratings and ranks.get(ratings[y], minimum) < minimum]
    if below:
        rated = ", ".join(f"năm {y} xếp loại {rule.ratings.label(ratings[y])}" for y in below)
        return FAIL, t.sentence(f"{rated}, dưới mức {rule.ratings.label(p.min_level)}")
    strange = [y for y in years if y in ratings and ratings[y] not in ranks]
    if strange:
        listed = ", ".join(f"năm {y} có mức xếp loại {t.quoted(ratings[y])}" for y in strange)
        return UNKNOWN, t.sentence(f"{listed} không thuộc thang xếp loại của bộ hướng dẫn")
    missing = [y for y in years if y not in ratings]
    if missing:
        return UNKNOWN, f"Thiếu kết quả xếp loại {t.years_phrase(missing)}."
    top = [y for y in years if ranks[ratings[y]] >= required]
    every = (
        f"Các năm {t.span(years[0], years[-1])} đều xếp loại từ "
        f"{rule.ratings.label(p.min_level)} trở lên"
    )
    top_label = rule.ratings.label(p.require_level)
    if len(top) < p.require_count:
        if not top:
            return FAIL, f"{every} nhưng không có năm nào {top_label}."
        return FAIL, (
            f"{every} nhưng chỉ có {len(top)} năm {top_label} ({t.year_list(top)}), "
            f"cần ít nhất {p.require_count} năm."
        )
    return PASS, f"{every}, có {len(top)} năm {top_label} ({t.year_list(top)})."


def _documents(items: tuple[Document, ...], limit: int = 3) -> str:
    shown = [t.document(d.number, d.date, d.authority, d.content) for d in items[:limit]]
    return "; ".join(shown) + ("; …" if len(items) > limit else "")


def count_documents(
    items: tuple[Document, ...] | None, minimum: int, what: str, absent: str, none: str
) -> Outcome:
    """Shared by G5 and M1: at least ``minimum`` documents; empty is a fact, absent is not."""
    if items is None:
        return UNKNOWN, absent
    if not items:
        return FAIL, none
    if len(items) < minimum:
        return FAIL, f"Chỉ có {len(items)} {what} ({_documents(items)}), cần ít nhất {minimum}."
    return PASS, f"Có {len(items)} {what}: {_documents(items)}."


@measure("recognitions")
def recognitions(rule: Rule, case: Case) -> Outcome:
    """G5: achievement recognised by a competent authority (the recognising documents)."""
    return count_documents(
        case.recognitions,
        rule.params.min_count,
        "văn bản công nhận của cấp có thẩm quyền",
        absent="Chưa cung cấp văn bản công nhận của cấp có thẩm quyền.",
        none="Không có văn bản công nhận nào của cấp có thẩm quyền.",
    )


@measure("cultural_family")
def cultural_family(rule: Rule, case: Case) -> Outcome:
    """G6: "Gia đình văn hóa" every year of the window, no member's violation inside it."""
    years = window(rule, case)
    first, last = years[0], years[-1]
    counted = rule.params.violation_kinds
    failures, gaps = [], []
    outside: list[int] = []
    if case.violations is not None:
        inside = []
        for v in case.violations:
            if v.kind not in counted:
                continue
            if first <= v.year <= last:
                member = f" ({v.member})" if v.member else ""
                inside.append((v.year, f"năm {v.year} {t.violation_label(v.kind)}{member}"))
            elif v.year < first:
                outside.append(v.year)
        if inside:
            listed = "; ".join(text for _, text in sorted(inside))
            failures.append(f"Thành viên hộ gia đình vi phạm trong thời gian xét: {listed}.")
    else:
        gaps.append(f"Chưa có thông tin về vi phạm của thành viên hộ gia đình {_span(years)}.")
    if case.cultural_family_years is not None:
        missing = [y for y in years if y not in case.cultural_family_years]
        if missing:
            failures.insert(
                0, f"Không được công nhận “Gia đình văn hóa” {t.years_phrase(missing)}."
            )
    else:
        gaps.insert(0, f"Chưa có thông tin công nhận “Gia đình văn hóa” {_span(years)}.")
    if failures:
        return FAIL, " ".join(failures)
    if gaps:
        return UNKNOWN, " ".join(gaps)
    reason = (
        f"Được công nhận “Gia đình văn hóa” đủ các năm {t.span(first, last)}; "
        "không có thành viên vi phạm trong thời gian này."
    )
    if outside:
        reason += f" Vi phạm {t.years_phrase(set(outside))} nằm ngoài thời gian xét nên không tính."
    return PASS, reason


def _span(years: range) -> str:
    return f"các năm {t.span(years[0], years[-1])}"

