"""Guidance packs and campaigns: public law, every signed-in role reads them all."""

from tests.api.spec import Read, everyone

OPERATIONS = {
    ("GET", "/packs/"): Read(lambda w: "/packs/", everyone(200)),
    ("GET", "/packs/{pack_id}"): Read(lambda w: f"/packs/{w.campaign.pack_id}", everyone(200)),
    ("GET", "/campaigns/"): Read(lambda w: "/campaigns/?status=open", everyone(200)),
    ("GET", "/campaigns/{campaign_id}"): Read(lambda w: f"/campaigns/{w.campaign.pk}",
                                              everyone(200)),
}
