from django.core.management.base import BaseCommand

from propagation.services import load_channels


class Command(BaseCommand):
    help = "Nạp danh mục kênh tuyên truyền (propagation/reference/channels.yaml); chạy lại không sao."

    def handle(self, *args, **options):
        created, updated = load_channels()
        self.stdout.write(f"Kênh tuyên truyền: thêm {created}, cập nhật {updated}.")
