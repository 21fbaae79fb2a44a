"""Who may do what with reviews (sơ kết, tổng kết): the province-wide roles (the standing
office, the council, the administrator) read the periods, their figures and kept reports; the
standing office (and the administrator) declares periods and generates reports. A review is the
province's document: a unit's own figures are on its registration and dashboard pages."""

import rules

from accounts.rules import is_province_wide, is_standing_office, is_system_admin

rules.add_perm("reviews.view_reviewperiod", is_province_wide | is_system_admin)
rules.add_perm("reviews.add_reviewperiod", is_standing_office | is_system_admin)
rules.add_perm("reviews.change_reviewperiod", is_standing_office | is_system_admin)
rules.add_perm("reviews.add_reviewreport", is_standing_office | is_system_admin)
rules.add_perm("reviews.view_reviewreport", is_province_wide | is_system_admin)
