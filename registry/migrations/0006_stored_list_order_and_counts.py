"""The compiled list's stored order (Exemplar.campaign, Exemplar.form_order and their index),
the registrations' stored counts by kind, and the campaigns' count tokens.

Existing rows are filled by three set-based UPDATEs (no row is loaded into Python), before
``campaign`` becomes NOT NULL and the index is built."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

KINDS = ("collective", "individual", "household", "model")  # registry.enums.FORM_ORDER


def fill(apps, schema_editor):
    Exemplar = apps.get_model("registry", "Exemplar")
    Registration = apps.get_model("registry", "Registration")
    campaign = Registration.objects.filter(pk=OuterRef("registration_id")).values("campaign_id")
    Exemplar.objects.update(
        campaign_id=Subquery(campaign[:1]),
        form_order=Case(*[When(kind=k, then=Value(i)) for i, k in enumerate(KINDS)],
                        default=Value(0), output_field=IntegerField()),
    )

    def count(kind):
        inner = (Exemplar.objects.filter(registration_id=OuterRef("pk"), kind=kind).order_by()
                 .values("registration_id").annotate(n=Count("pk")).values("n"))
        return Coalesce(Subquery(inner, output_field=IntegerField()), 0)

    Registration.objects.update(**{f"n_{kind}": count(kind) for kind in KINDS})


class Migration(migrations.Migration):

    dependencies = [
        ("guidance", "0002_field_labels"),
        ("registry", "0005_private_random_file_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="exemplar",
            name="campaign",
            field=models.ForeignKey(db_index=False, editable=False, null=True,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="guidance.campaign"),
        ),
        migrations.AddField(
            model_name="exemplar",
            name="form_order",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="registration",
            name="n_collective",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="registration",
            name="n_household",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="registration",
            name="n_individual",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="registration",
            name="n_model",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="exemplar",
            name="campaign",
            field=models.ForeignKey(db_index=False, editable=False,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="guidance.campaign"),
        ),
        migrations.AddIndex(
            model_name="exemplar",
            index=models.Index(fields=["campaign", "form_order", "sort_key", "id"],
                               name="exemplar_compiled_order"),
        ),
        migrations.CreateModel(
            name="CampaignTally",
            fields=[
                ("campaign", models.OneToOneField(
                    on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                    related_name="+", serialize=False, to="guidance.campaign")),
                ("token", models.CharField(max_length=32)),
            ],
            options={
                "verbose_name": "phiên bản số liệu đợt thi đua",
                "verbose_name_plural": "phiên bản số liệu đợt thi đua",
            },
        ),
    ]
