#include <algorithm>
#include <string>

#include "core/typology/rules.h"

namespace moteplass::typology_rules {
namespace {

bool IsAuthorityChair(const std::string& chair) {
  return chair == "mayor" || chair == "politician" || chair == "administration" || chair == "police";
}

bool HasMobilisingPurpose(const Profile& p) {
  return p.HasPurpose("theme") || p.HasPurpose("mobilisation") || p.HasPurpose("activities");
}

// Not a standing body: a one-off event, or an event held again and again.
bool IsEvent(const Profile& p) {
  if (p.recurrence == "standing_body") return false;
  return !p.permanent || p.recurrence == "one_off" || p.recurrence == "recurring_event";
}

// An event held again and again (recorded so, or a non-permanent event that meets every year).
bool IsRecurringEvent(const Profile& p) {
  if (p.recurrence == "recurring_event") return true;
  return p.recurrence.empty() && !p.permanent && p.meetings_per_year.has_value() && *p.meetings_per_year >= 1;
}

bool WomensGroup(const Profile& p) {
  return p.target_group == "women" && p.immigrant_members_selected_by == "open_participation" &&
         p.authority_role != "permanent_members";
}

// An open arena that the authorities only visit now and then, held to mobilise.
bool MobilisingOpenEvent(const Profile& p) {
  return p.authority_role == "occasional" && p.immigrant_members_selected_by == "open_participation" &&
         HasMobilisingPurpose(p);
}

// The report's yearly dialogue meeting: an event held again and again, run by the authorities
// for dialogue. Its structure decides, not its being an event.
bool AuthorityRunDialogueEvent(const Profile& p) {
  return IsRecurringEvent(p) &&
         (p.authority_role == "chair_and_secretariat" || p.authority_role == "permanent_members") &&
         HasDialoguePurpose(p) && !HasMobilisingPurpose(p);
}

// Culture evenings, theme meetings and women's groups count by their mobilising effect (ch. 1
// and 3), even where there is little dialogue between the parties.
bool Mobilising(const Profile& p) {
  if (!HasMobilisingPurpose(p)) return false;
  return WomensGroup(p) || MobilisingOpenEvent(p) || (IsEvent(p) && !AuthorityRunDialogueEvent(p));
}

// A faith community takes part as a whole: its members are there through it.
bool FaithCommunityArena(const Profile& p) {
  if (p.organisational_form == "faith_community") return true;
  const std::string& sel = p.immigrant_members_selected_by;
  return p.venue == "place_of_worship" && (sel == "not_applicable" || sel == "open_participation");
}

// The house itself is the arena (not only a building where others meet).
bool HouseIsTheArena(const Profile& p) {
  if (p.venue != "activity_centre" || p.house_role == "initiator") return false;
  if (p.house_role == "arena") return true;
  return p.immigrant_members_selected_by == "open_participation" || p.authority_role == "board_members";
}

}  // namespace

bool HasDialoguePurpose(const Profile& p) {
  return p.HasPurpose("dialogue") || p.HasPurpose("prevent_racism") || p.HasPurpose("interfaith") ||
         p.HasPurpose("theme");
}

bool PoliceTakePart(const Profile& p) { return p.seats.police > 0 || p.chair == "police"; }

void CheckDefinition(const Profile& p, Classification* c) {
  auto& reasons = c->reasons;
  auto against = [&](const char* criterion, std::string key, MessageArgs args = {}) {
    reasons.push_back({"", criterion, false, std::move(key), std::move(args)});
  };
  auto support = [&](const char* criterion, std::string key, MessageArgs args = {}) {
    reasons.push_back({"", criterion, true, std::move(key), std::move(args)});
  };
  std::vector<std::string> failed;
  const Seats& s = p.seats;
  const int authority_seats = s.politicians + s.administration + s.police;

  // 1. Participants of immigrant background: people who sit for the immigrant population, not
  // people of immigrant background who sit as politicians or for the administration.
  const auto& background = p.people.immigrant_background;
  const bool known_none = background.has_value() && *background == 0;
  const bool only_authority_seats = s.immigrant_population == 0 && s.other == 0 && authority_seats > 0 &&
                                    p.immigrant_members_selected_by != "open_participation";
  bool immigrants = true;
  bool sit_as_politicians = false;
  if (s.immigrant_population > 0) {
    support("immigrant_participants", "typology.def.immigrants.seats", {{"n", std::to_string(s.immigrant_population)}});
  } else if (background.has_value() && *background > 0 && only_authority_seats) {
    immigrants = false;
    sit_as_politicians = true;
    failed.push_back("no_immigrant_participants");
    against("immigrant_participants", "typology.def.immigrants.as_politicians", {{"n", std::to_string(*background)}});
  } else if (background.has_value() && *background > 0) {
    support("immigrant_participants", "typology.def.immigrants.people", {{"n", std::to_string(*background)}});
  } else if (!known_none && FaithCommunityArena(p)) {
    support("immigrant_participants", "typology.def.immigrants.congregation");
  } else if (!known_none && p.immigrant_members_selected_by != "not_applicable" &&
             p.immigrant_members_represent != "not_applicable" &&
             (s.Total() == 0 || p.immigrant_members_selected_by == "open_participation")) {
    support("immigrant_participants", "typology.def.immigrants.open");
  } else {
    immigrants = false;
    failed.push_back("no_immigrant_participants");
    against("immigrant_participants", "typology.def.immigrants.absent");
  }

  // 2. Local authorities take part: in person, or through the cases they send a hearing body.
  const bool through_hearings = p.functions.hearing_body || p.authority_contact == "hearings_only";
  const bool authority = p.authority_role != "none" || authority_seats > 0 || IsAuthorityChair(p.chair) ||
                         through_hearings || p.authority_contact == "regular";
  if (!authority) {
    failed.push_back("no_local_authority");
    against("local_authority", "typology.def.authority.absent");
  } else {
    if (p.authority_role != "none") {
      support("local_authority", "typology.def.authority.present", {{"how", "typology.how." + p.authority_role}});
    } else if (authority_seats > 0) {
      support("local_authority", "typology.def.authority.seats", {{"n", std::to_string(authority_seats)}});
    } else if (through_hearings) {
      support("local_authority", "typology.def.authority.hearings");
    } else {
      support("local_authority", "typology.def.authority.contact");
    }
    // The police are a local authority in the report's sense (ch. 1), whatever level they are
    // recorded at.
    if (p.level == "national" && PoliceTakePart(p)) {
      support("local", "typology.def.local_police");
    } else if (p.level == "national") {
      failed.push_back("not_local");
      against("local", "typology.def.national");
    } else {
      support("local", "typology.def.local", {{"level", "typology.level." + p.level}});
    }
  }

  // 3. Dialogue between the two parties (only asked when both are there).
  if (immigrants && authority) {
    if (p.dialogue_between_parties) {
      support("dialogue", "typology.def.dialogue.yes");
    } else if (Mobilising(p)) {
      support("dialogue", "typology.def.dialogue.mobilising");
    } else {
      failed.push_back("no_dialogue");
      against("dialogue", "typology.def.dialogue.no");
    }
  }

  // 4. The established channels the report leaves out on purpose (ch. 1, "Problemstilling").
  const bool organisation_on_its_own = p.organisational_form == "association" && authority_seats == 0 &&
                                       !IsAuthorityChair(p.chair) && p.authority_contact == "occasional" &&
                                       (p.authority_role == "occasional" || p.authority_role == "none");
  // A youth council: elected young members, among them a few chosen for the immigrant population,
  // and no authority seats. It is asked only when immigrants take part (without them it fails
  // already).
  const bool youth_council = immigrants && p.target_group == "youth" && authority_seats == 0 &&
                             s.other > s.immigrant_population && p.rotation == "elections";
  if (p.channel != "none") {
    failed.push_back("established_channel");
    against("channel", "typology.def.channel." + p.channel);
  } else if (sit_as_politicians) {
    failed.push_back("established_channel");
    against("channel", "typology.def.channel.politicians_only");
  } else if (youth_council) {
    failed.push_back("established_channel");
    against("channel", "typology.def.channel.youth_council");
  } else if (organisation_on_its_own) {
    failed.push_back("established_channel");
    against("channel", "typology.def.channel.organisation_on_its_own");
  }

  // 5. A house that only starts meeting places is not one itself (ch. 3).
  if (p.house_role == "initiator") {
    failed.push_back("initiator_only");
    against("initiator", "typology.def.initiator_only", {{"n", std::to_string(p.started_meeting_places.size())}});
  }

  for (auto criterion : kCriteria) {
    if (std::find(failed.begin(), failed.end(), criterion) != failed.end()) {
      c->failed_criteria.emplace_back(criterion);
    }
  }
  c->is_meeting_place = c->failed_criteria.empty();
}

std::string OtherKind(const Profile& p, std::vector<Reason>* reasons) {
  auto add = [&](const char* kind, const char* criterion, const char* key) {
    reasons->push_back(Reason{kind, criterion, true, key, {}});
  };
  if (FaithCommunityArena(p)) {
    if (p.organisational_form == "faith_community") {
      add("faith_community", "organisational_form", "typology.other.faith_community");
    }
    if (p.venue == "place_of_worship") add("faith_community", "venue", "typology.other.place_of_worship");
    return "faith_community";
  }
  if (HouseIsTheArena(p)) {
    add("international_house", "venue", "typology.other.activity_centre");
    return "international_house";
  }
  if (WomensGroup(p)) {
    add("womens_group", "target_group", "typology.other.women");
    return "womens_group";
  }
  if (IsEvent(p) && !AuthorityRunDialogueEvent(p)) {
    if (p.recurrence == "one_off") {
      add("theme_meeting", "permanent", "typology.other.one_off_event");
    } else if (IsRecurringEvent(p)) {
      add("theme_meeting", "permanent", "typology.other.recurring_event");
    } else {
      add("theme_meeting", "permanent", "typology.other.one_off");
    }
    return "theme_meeting";
  }
  if (MobilisingOpenEvent(p)) {
    add("theme_meeting", "authority", "typology.other.mobilising");
    return "theme_meeting";
  }
  return "";
}

std::vector<std::string> PoliceRunsIt(const Profile& p) {
  const Seats& s = p.seats;
  std::vector<std::string> how;
  if (!PoliceTakePart(p)) return how;
  // Someone else of the authorities holds the chair, or the municipality set it up and nobody
  // said the police chair it: the police sit there, but do not run it.
  if (p.chair != "police" && (IsAuthorityChair(p.chair) || p.initiative != "police")) return how;
  if (p.initiative == "police") how.push_back("typology.police.initiative");
  if (p.chair == "police") how.push_back("typology.police.chair");
  if (s.police > 0 && s.politicians == 0 && s.administration == 0) how.push_back("typology.police.only_authority");
  return how;
}

bool PoliceForumByStructure(const Profile& p) {
  const std::string& sel = p.immigrant_members_selected_by;
  return p.initiative == "police" && p.chair == "police" && (sel == "hand_picked" || sel == "authority_appoints");
}

}  // namespace moteplass::typology_rules
