from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Nạp hoặc làm mới dữ liệu tham chiếu: cây đơn vị Lai Châu, bộ hướng dẫn 2533, đợt thi đua."

    def add_arguments(self, parser):
        parser.add_argument("--without-samples", action="store_true",
                            help="Bỏ qua các doanh nghiệp, hợp tác xã mẫu (dùng khi vận hành thật).")

    def handle(self, *args, without_samples=False, **options):
        from core.errors import DomainError
        from guidance import selectors, services
        from guidance.loading import ensure_reference_campaign, read_pack_file, shipped_pack_path
        from orgs.reference.load import load_reference_units
        from portal.reference import load_commendation_reference
        from search.wording import load_abbreviations

        try:
            with transaction.atomic():
                counts = load_reference_units(include_samples=not without_samples)
                # Loading the shipped pack stores its version (or finds it unchanged); it never
                # moves a campaign: a campaign keeps the version it uses for life.
                loaded, outcome = services.upsert_pack(pack=read_pack_file(shipped_pack_path()))
                campaign = ensure_reference_campaign()
                commendation = load_commendation_reference()
                abbreviations = load_abbreviations()
                if counts.get("units_created") or counts.get("units_updated") or counts.get(
                    "successions_created"
                ):
                    from search.index import rebuild

                    rebuild()
        except DomainError as error:
            raise CommandError(error.message) from error
        summary = ", ".join(f"{key}: {value}" for key, value in counts.items())
        for line in commendation:
            self.stdout.write(line)
        self.stdout.write(f"Đơn vị — {summary}")
        self.stdout.write("Chữ viết tắt (tìm kiếm) — " + ", ".join(
            f"{key}: {value}" for key, value in abbreviations.items()))
        self.stdout.write(f"Bộ hướng dẫn trong tệp: {loaded} ({outcome.label})")
        used = campaign.pack
        self.stdout.write(f"Đợt {campaign.code} dùng bộ hướng dẫn {used}")
        latest = selectors.latest_pack(used.code)
        if latest is not None and latest.version > used.version:
            self.stdout.write(
                f"Có phiên bản mới hơn ({latest}); đợt chỉ chuyển sang khi quản trị hệ thống "
                f"chọn: manage.py move_campaign_version {campaign.code} {latest.version}")
