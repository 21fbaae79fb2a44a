from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Nạp hoặc làm mới dữ liệu tham chiếu: cây đơn vị Lai Châu, bộ hướng dẫn 2533, đợt thi đua."

    def add_arguments(self, parser):
        parser.add_argument("--without-samples", action="store_true",
                            help="Bỏ qua các doanh nghiệp, hợp tác xã mẫu (dùng khi vận hành thật).")

    def handle(self, *args, without_samples=False, **options):
        from guidance.loading import ensure_reference_campaign, load_pack, shipped_pack_path
        from orgs.reference.load import load_reference_units

        with transaction.atomic():
            counts = load_reference_units(include_samples=not without_samples)
            record = load_pack(shipped_pack_path())
            campaign = ensure_reference_campaign()
            if counts.get("units_created") or counts.get("units_updated") or counts.get(
                "successions_created"
            ):
                from search.index import rebuild

                rebuild()
        summary = ", ".join(f"{key}: {value}" for key, value in counts.items())
        self.stdout.write(f"Đơn vị — {summary}")
        self.stdout.write(f"Bộ hướng dẫn: {record} · Đợt: {campaign.code}")
