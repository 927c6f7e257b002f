#include "app/operations/alerts.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>

#include "app/operations/operations.h"
#include "app/register/meeting_places.h"
#include "core/accounts/credentials.h"
#include "core/operations/fields.h"
#include "core/register/meeting_place.h"
#include "core/status_macros.h"

namespace moteplass::app {
namespace {

using nlohmann::json;
using ops::Kind;

Error NoSuchAlert(const std::string& id) { return Error::NotFound("no open alert has the id " + id); }

// The genders of people, looked up once per person; `complete` when every person not erased is in
// `known` (read in one query for many meeting places), so that one missing is erased: "unknown".
struct Genders {
  std::map<std::int64_t, std::string> known;
  bool complete = false;
};

// Where a changed record's effects on alerts are found: which meeting place each membership,
// meeting and case belongs to, and which meeting places each person is (or was) a member of.
struct Owners {
  std::unordered_map<std::int64_t, std::int64_t> place_of[3];  // by kind: membership, meeting, case
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> places_of_person;
  static int Slot(Kind kind) { return kind == Kind::kMembership ? 0 : kind == Kind::kMeeting ? 1 : 2; }
  void Add(Kind kind, const ops::Record& r) {
    place_of[Slot(kind)][r.id] = r.meeting_place;
    if (kind == Kind::kMembership) {
      auto& places = places_of_person[r.person];
      if (std::find(places.begin(), places.end(), r.meeting_place) == places.end()) places.push_back(r.meeting_place);
    }
  }
};

// The memberships, meetings and cases of many meeting places, read in one query per kind
// (OperationsStore::ListEvery) and grouped by meeting place.
struct Bulk {
  bool read = false;
  std::map<std::int64_t, std::vector<ops::Record>> memberships, meetings, cases;
};

Status ReadBulk(Services& s, Bulk& bulk, Owners* owners) {
  for (auto [kind, into] : {std::pair{Kind::kMembership, &bulk.memberships}, std::pair{Kind::kMeeting, &bulk.meetings},
                            std::pair{Kind::kCase, &bulk.cases}}) {
    ASSIGN_OR_RETURN(std::vector<ops::Record> every, s.store.operations().ListEvery(kind));
    for (ops::Record& r : every) {
      if (owners) owners->Add(kind, r);
      (*into)[r.meeting_place].push_back(std::move(r));
    }
  }
  bulk.read = true;
  return {};
}

// The records of one kind of a meeting place: from the bulk read when there is one.
Result<std::vector<ops::Record>> RecordsOf(Services& s, Bulk& bulk, Kind kind, std::int64_t place) {
  if (!bulk.read) return s.store.operations().List(kind, place);
  auto& by_place = kind == Kind::kMembership ? bulk.memberships : kind == Kind::kMeeting ? bulk.meetings : bulk.cases;
  auto found = by_place.find(place);
  if (found == by_place.end()) return std::vector<ops::Record>();
  return std::move(found->second);
}

// What the alerts of one meeting place are computed from.
Result<ops::AlertSubject> SubjectOf(Services& s, const MeetingPlace& place, Genders& genders, Bulk& bulk) {
  OperationsStore& store = s.store.operations();
  ops::AlertSubject subject;
  subject.meeting_place = place.id;
  subject.name = place.name;
  subject.profile = place.input.profile;
  subject.registered = place.created_at;
  ASSIGN_OR_RETURN(subject.memberships, RecordsOf(s, bulk, Kind::kMembership, place.id));
  ASSIGN_OR_RETURN(subject.meetings, RecordsOf(s, bulk, Kind::kMeeting, place.id));
  ASSIGN_OR_RETURN(subject.cases, RecordsOf(s, bulk, Kind::kCase, place.id));
  for (const ops::Record& m : subject.memberships) {
    auto known = genders.known.find(m.person);
    if (known == genders.known.end()) {
      auto person = genders.complete ? Result<ops::Record>(Error::NotFound("erased"))
                                     : store.Get(Kind::kPerson, m.person);
      const std::string gender = person.ok() && !person->erased ? person->data.value("gender", std::string("unknown"))
                                                                : "unknown";
      known = genders.known.emplace(m.person, gender).first;
    }
    subject.genders[m.person] = known->second;
  }
  return subject;
}

AlertView ViewOf(const ops::Alert& a, const std::string& place_name) {
  AlertView v;
  v.id = a.Id();
  v.code = a.code;
  v.meeting_place = a.meeting_place;
  v.place_name = place_name;
  v.since = a.since;
  v.status = "open";
  v.text_nb = ops::AlertText(a, Lang::kNb);
  v.text_nn = ops::AlertText(a, Lang::kNn);
  v.text_en = ops::AlertText(a, Lang::kEn);
  return v;
}

// Joins an alert with its acknowledgement: acknowledged while the acknowledgement is of this
// occurrence (the same `since`) and its day has not come.
void Join(AlertView& v, const AlertAcknowledgement* ack, const std::string& today) {
  if (!ack || ack->since != v.since) return;
  v.has_ack = true;
  v.ack = *ack;
  if (ack->until.empty() || ack->until > today) v.status = "acknowledged";
}

// What the alerts of one meeting place come to on a day, before acknowledgements.
struct Computed {
  std::int64_t place = 0;
  std::string name;
  RecordLocation location;
  std::vector<AlertView> alerts;  // open, with their texts in the three languages
};

// The alerts of the meeting places `places` on `today`. With `bulk`, every person's gender and
// every membership, meeting and case are read in one read per kind rather than one per meeting
// place (and person), and `owners`, when given, learns whose each record is.
Result<std::vector<Computed>> Compute(Services& s, const std::vector<MeetingPlace>& places, const std::string& today,
                                      bool bulk_read, Owners* owners = nullptr) {
  Genders genders;
  Bulk bulk;
  if (bulk_read) {
    ASSIGN_OR_RETURN(std::vector<ops::Record> people, s.store.operations().List(Kind::kPerson, 0));
    for (const ops::Record& p : people) genders.known[p.id] = p.data.value("gender", std::string("unknown"));
    genders.complete = true;
    RETURN_IF_ERROR(ReadBulk(s, bulk, owners));
  }
  std::vector<Computed> out;
  out.reserve(places.size());
  for (const MeetingPlace& place : places) {
    ASSIGN_OR_RETURN(ops::AlertSubject subject, SubjectOf(s, place, genders, bulk));
    Computed c{place.id, place.name, LocationOf(place), {}};
    for (const ops::Alert& a : ops::ComputeAlerts(subject, today)) {
      c.alerts.push_back(ViewOf(a, place.name));
      c.alerts.back().location = c.location;
    }
    out.push_back(std::move(c));
  }
  return out;
}

// The alerts computed for every live meeting place (sorted by meeting place), kept while the
// data stamp (Store::DataStamp: anything committed by any process moves it) and the day stay the
// same, so that a national user's list does not read and parse every membership, meeting and
// case again when nothing has changed. When the stamp has moved, the records written since are
// read from the audit log (JournalStore::ChangesSince, whichever process wrote them) and only the
// meeting places they touch are computed again; everything is when they are many or of a kind
// this does not know. The stamp and the journal's mark are read before the data, so what is kept
// is never older than they are. Acknowledgements are not kept: they are read on every request.
// One request computes at a time; the others wait for its result rather than compute the same.
struct Memo {
  std::mutex mutex;
  const Store* store = nullptr;
  std::string stamp;
  std::int64_t mark = 0;  // JournalStore::ChangeMark when computed
  std::string today;
  std::shared_ptr<const std::vector<Computed>> computed;
  Owners owners;
};

Memo& TheMemo() {
  static Memo memo;
  return memo;
}

// More changed meeting places than this are computed again all together (one read per kind), and
// more audit rows than kMostChanges are not looked through.
constexpr std::size_t kMostPlacesOneByOne = 40;
constexpr std::size_t kMostChanges = 2000;

// The kinds of record whose changes no alert depends on.
bool Irrelevant(const std::string& type) {
  static const std::set<std::string> kTypes = {"audit_log", "session",   "alert",         "alert_feed", "codebook",
                                               "coding",    "guide",     "handbook_page", "identity",   "imdi_target",
                                               "informant", "interview", "ssb_table",     "study",      "suggestion",
                                               "token",     "user"};
  return kTypes.count(type) > 0;
}

// The meeting places whose alerts `changes` may have changed, with the owners brought up to date;
// nullopt when a change could touch any of them (a kind of record not known here).
Result<std::optional<std::set<std::int64_t>>> Touched(Services& s, Owners& owners,
                                                      const std::vector<ChangedRecord>& changes) {
  std::set<std::int64_t> places;
  auto id_of = [](const ChangedRecord& c) -> std::optional<std::int64_t> {
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(c.entity_id.data(), c.entity_id.data() + c.entity_id.size(), id);
    if (ec != std::errc() || end != c.entity_id.data() + c.entity_id.size()) return std::nullopt;
    return id;
  };
  for (const ChangedRecord& c : changes) {
    if (Irrelevant(c.entity_type)) continue;
    std::optional<std::int64_t> id = id_of(c);
    if (!id) return std::optional<std::set<std::int64_t>>();
    if (c.entity_type == "meeting_place") {
      places.insert(*id);
    } else if (c.entity_type == "person") {
      auto found = owners.places_of_person.find(*id);
      if (found != owners.places_of_person.end()) places.insert(found->second.begin(), found->second.end());
    } else if (c.entity_type == "membership" || c.entity_type == "meeting" || c.entity_type == "case") {
      const Kind kind = c.entity_type == "membership" ? Kind::kMembership
                        : c.entity_type == "meeting"  ? Kind::kMeeting
                                                      : Kind::kCase;
      auto& place_of = owners.place_of[Owners::Slot(kind)];
      if (auto before = place_of.find(*id); before != place_of.end()) {
        places.insert(before->second);
        place_of.erase(before);
      }
      Result<ops::Record> now = s.store.operations().Get(kind, *id);
      if (now.ok()) {
        places.insert(now->meeting_place);
        owners.Add(kind, *now);
      } else if (now.error().code != ErrorCode::kNotFound) {
        return now.error();
      }
    } else {
      return std::optional<std::set<std::int64_t>>();
    }
  }
  return std::optional<std::set<std::int64_t>>(std::move(places));
}

// The kept alerts with those of `places` computed again (a meeting place deleted since drops
// out, one made since comes in).
Result<std::vector<Computed>> Recompute(Services& s, const std::vector<Computed>& kept,
                                        const std::set<std::int64_t>& places, const std::string& today) {
  std::vector<MeetingPlace> live;
  for (std::int64_t id : places) {
    Result<MeetingPlace> place = s.store.meeting_places().Get(id);
    if (place.ok() && place->deleted_at.empty()) {
      live.push_back(std::move(*place));
    } else if (!place.ok() && place.error().code != ErrorCode::kNotFound) {
      return place.error();
    }
  }
  ASSIGN_OR_RETURN(std::vector<Computed> fresh, Compute(s, live, today, /*bulk=*/false));
  std::vector<Computed> out;
  out.reserve(kept.size() + fresh.size());
  for (const Computed& c : kept) {
    if (!places.count(c.place)) out.push_back(c);
  }
  for (Computed& c : fresh) out.push_back(std::move(c));
  std::sort(out.begin(), out.end(), [](const Computed& a, const Computed& b) { return a.place < b.place; });
  return out;
}

// The alerts of every live meeting place: kept, brought up to date, or computed and kept.
Result<std::shared_ptr<const std::vector<Computed>>> ComputeEvery(Services& s, const std::string& today) {
  Memo& memo = TheMemo();
  std::lock_guard lock(memo.mutex);
  auto stamp = s.store.DataStamp();
  const bool same_store = memo.computed && memo.store == &s.store && memo.today == today;
  if (stamp.ok() && same_store && memo.stamp == *stamp) return memo.computed;
  if (stamp.ok() && same_store) {
    // The owners are brought up to date as the changes are read: when anything after that
    // fails, nothing stays kept, so that the next request computes everything.
    Result<bool> updated = [&]() -> Result<bool> {
      ASSIGN_OR_RETURN(JournalChanges changes, s.store.journal().ChangesSince(memo.mark, kMostChanges));
      if (!changes.complete) return false;
      ASSIGN_OR_RETURN(std::optional<std::set<std::int64_t>> places, Touched(s, memo.owners, changes.records));
      if (!places || places->size() > kMostPlacesOneByOne) return false;
      ASSIGN_OR_RETURN(std::vector<Computed> computed, Recompute(s, *memo.computed, *places, today));
      memo.stamp = *stamp;
      memo.mark = changes.mark;
      memo.computed = std::make_shared<const std::vector<Computed>>(std::move(computed));
      return true;
    }();
    if (updated.ok() && *updated) return memo.computed;
    memo.computed = nullptr;
    if (!updated.ok()) return updated.error();
  }
  ASSIGN_OR_RETURN(const std::int64_t mark, s.store.journal().ChangeMark());
  Owners owners;
  ASSIGN_OR_RETURN(std::vector<MeetingPlace> every, EveryMeetingPlaceLean(s));
  ASSIGN_OR_RETURN(std::vector<Computed> computed, Compute(s, every, today, /*bulk=*/true, &owners));
  std::sort(computed.begin(), computed.end(), [](const Computed& a, const Computed& b) { return a.place < b.place; });
  auto kept = std::make_shared<const std::vector<Computed>>(std::move(computed));
  memo.computed = nullptr;
  if (stamp.ok()) {
    memo.store = &s.store;
    memo.stamp = *stamp;
    memo.mark = mark;
    memo.today = today;
    memo.computed = kept;
    memo.owners = std::move(owners);
  }
  return kept;
}

// The views of computed alerts on `today`, with acknowledgements (of the meeting places
// `ids`; all when `all_places`), and the acknowledged alerts whose condition has ended.
Result<std::vector<AlertView>> Views(Services& s, const std::vector<const Computed*>& computed, bool all_places,
                                     const std::string& today) {
  std::vector<std::int64_t> ids;
  if (!all_places) {
    for (const Computed* c : computed) ids.push_back(c->place);
    if (ids.empty()) return std::vector<AlertView>();
  }
  ASSIGN_OR_RETURN(std::vector<AlertAcknowledgement> acks, s.store.alerts().Acknowledgements(ids));
  std::map<std::string, const AlertAcknowledgement*> ack_of;
  for (const AlertAcknowledgement& a : acks) ack_of[a.alert_id] = &a;
  std::vector<AlertView> out;
  for (const Computed* place : computed) {
    std::vector<std::string> present;
    for (AlertView v : place->alerts) {
      auto ack = ack_of.find(v.id);
      Join(v, ack == ack_of.end() ? nullptr : ack->second, today);
      present.push_back(v.id);
      out.push_back(std::move(v));
    }
    // An acknowledged alert whose condition has ended: resolved.
    for (const std::string_view code : ops::kAlertCodes) {
      const std::string id = std::string(code) + ":" + std::to_string(place->place);
      auto ack = ack_of.find(id);
      if (ack == ack_of.end() || std::find(present.begin(), present.end(), id) != present.end()) continue;
      ops::Alert gone{std::string(code),
                      place->place,
                      ack->second->since,
                      "ops.alert.resolved",
                      {{"name", place->name}, {"label", ""}}};
      AlertView v;
      v.id = id;
      v.code = gone.code;
      v.meeting_place = place->place;
      v.place_name = place->name;
      v.location = place->location;
      v.since = gone.since;
      v.status = "resolved";
      v.has_ack = true;
      v.ack = *ack->second;
      for (Lang lang : {Lang::kNb, Lang::kNn, Lang::kEn}) {
        gone.args["label"] = Msg("ops.alert.label." + gone.code, lang);
        (lang == Lang::kNb ? v.text_nb : lang == Lang::kNn ? v.text_nn : v.text_en) = ops::AlertText(gone, lang);
      }
      out.push_back(std::move(v));
    }
  }
  auto rank = [](const AlertView& v) { return v.status == "open" ? 0 : v.status == "acknowledged" ? 1 : 2; };
  std::stable_sort(out.begin(), out.end(), [&](const AlertView& a, const AlertView& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    return a.meeting_place < b.meeting_place;
  });
  return out;
}

// The alerts of a few meeting places, computed for them alone.
Result<std::vector<AlertView>> AlertsOf(Services& s, const std::vector<MeetingPlace>& places,
                                        const std::string& today) {
  ASSIGN_OR_RETURN(std::vector<Computed> computed, Compute(s, places, today, /*bulk=*/places.size() > 3));
  std::vector<const Computed*> chosen;
  for (const Computed& c : computed) chosen.push_back(&c);
  return Views(s, chosen, false, today);
}

Status RequireUser(const Principal& who) {
  if (!who.user || who.user->disabled) return Error::Unauthenticated("log in first to see alerts");
  return {};
}

}  // namespace

json AlertJson(const AlertView& a) {
  auto or_null = [](const std::string& v) { return v.empty() ? json() : json(v); };
  return json{{"id", a.id},
              {"code", a.code},
              {"meeting_place", a.meeting_place},
              {"meeting_place_name", a.place_name},
              {"since", a.since},
              {"status", a.status},
              {"acknowledged_by", a.has_ack ? or_null(a.ack.by) : json()},
              {"acknowledged_at", a.has_ack ? or_null(a.ack.at) : json()},
              {"snoozed_until", a.has_ack ? or_null(a.ack.until) : json()},
              {"text_nb", a.text_nb},
              {"text_nn", a.text_nn},
              {"text_en", a.text_en}};
}

Result<std::vector<AlertView>> ListAlerts(Services& s, const Principal& who) {
  RETURN_IF_ERROR(RequireUser(who));
  if (!MayAnywhere(who, Action::kAlertsRead)) {
    return Error::Forbidden("your role does not see the alerts of meeting places");
  }
  const bool all = Decide(who, Action::kAlertsRead, RecordLocation{}).allowed;
  const std::string today = TodayInOslo();
  if (!all) {
    // A few meeting places (a secretary's, a municipality's) are computed alone; more share the
    // alerts of every meeting place, kept between requests (ComputeEvery).
    ASSIGN_OR_RETURN(std::vector<MeetingPlace> every, EveryMeetingPlaceLean(s));
    std::vector<MeetingPlace> mine;
    for (MeetingPlace& p : every) {
      if (Decide(who, Action::kAlertsRead, LocationOf(p)).allowed) mine.push_back(p);
    }
    if (mine.size() <= 3) return AlertsOf(s, mine, today);
  }
  ASSIGN_OR_RETURN(auto computed, ComputeEvery(s, today));
  std::vector<const Computed*> chosen;
  for (const Computed& c : *computed) {
    if (all || Decide(who, Action::kAlertsRead, c.location).allowed) chosen.push_back(&c);
  }
  return Views(s, chosen, all, today);
}

Status KeepNationalAlertsReady(Services& s) {
  auto computed = ComputeEvery(s, TodayInOslo());
  if (!computed.ok()) return computed.error();
  return {};
}

Result<AlertView> AcknowledgeAlert(Services& s, const Principal& who, const std::string& id, const json& body) {
  RETURN_IF_ERROR(RequireUser(who));
  std::string code;
  std::int64_t place_id = 0;
  if (!ops::ParseAlertId(id, &code, &place_id)) return NoSuchAlert(id);
  auto place = s.store.meeting_places().Get(place_id);
  if (!place.ok() || !place->deleted_at.empty() || !Decide(who, Action::kAlertsRead, LocationOf(*place)).allowed) {
    if (!MayAnywhere(who, Action::kAlertsRead)) {
      return Error::Forbidden("your role does not see the alerts of meeting places");
    }
    return NoSuchAlert(id);
  }
  const Action action = Action::kAlertsAcknowledge;
  RETURN_IF_ERROR(Authorize(s, who, action, LocationOf(*place), "alert", id));
  const std::string today = TodayInOslo();
  auto acknowledged = [&]() -> Result<AlertView> {
    RETURN_IF_ERROR(ops::CheckObject(body, "", {"until"}));
    ASSIGN_OR_RETURN(json until, ops::DateField(body, "until", "", false));
    if (until.is_string() && until.get<std::string>() <= today) {
      return Error::Invalid("the day to snooze the alert until must be after today (" + today + ")", "/until");
    }
    ASSIGN_OR_RETURN(std::vector<AlertView> alerts, AlertsOf(s, {*place}, today));
    auto found = std::find_if(alerts.begin(), alerts.end(),
                              [&](const AlertView& a) { return a.id == id && a.status != "resolved"; });
    if (found == alerts.end()) return NoSuchAlert(id);
    AlertAcknowledgement ack{id, place_id, found->since, "", "", until.is_string() ? until.get<std::string>() : ""};
    ASSIGN_OR_RETURN(AlertAcknowledgement stored, s.store.alerts().Acknowledge(ack, WriteContext{AuthorOf(who), 0}));
    Join(*found, &stored, today);
    return *found;
  }();
  if (!acknowledged.ok()) return Outcome(s, who, action, "alert", id, acknowledged.error(), false).error();
  return acknowledged;
}

Result<std::string> CreateFeedToken(Services& s, const Principal& who) {
  RETURN_IF_ERROR(RequireUser(who));
  if (!MayAnywhere(who, Action::kAlertsRead)) {
    return Error::Forbidden("your role does not see the alerts of meeting places");
  }
  std::string secret = NewSecret();
  RETURN_IF_ERROR(s.store.alerts().SetFeedToken(who.user->id, HashSecret(secret), WriteContext{AuthorOf(who), 0}));
  return secret;
}

Status RevokeFeedToken(Services& s, const Principal& who) {
  RETURN_IF_ERROR(RequireUser(who));
  return s.store.alerts().RevokeFeedToken(who.user->id, WriteContext{AuthorOf(who), 0});
}

Result<std::string> FeedTokenCreated(Services& s, const Principal& who) {
  RETURN_IF_ERROR(RequireUser(who));
  return s.store.alerts().FeedTokenCreated(who.user->id);
}

Result<Principal> FeedTokenPrincipal(Services& s, const std::string& token) {
  const Error refused = Error::Unauthenticated("the feed token is not valid: make a new feed address on /varsler");
  if (token.empty() || token.size() > 200) return refused;
  ASSIGN_OR_RETURN(std::optional<std::int64_t> user_id, s.store.alerts().FeedTokenUser(HashSecret(token)));
  if (!user_id) return refused;
  auto user = s.store.accounts().FindUserById(*user_id);
  if (!user.ok() || user->disabled) return refused;
  return Principal{*user};
}

}  // namespace moteplass::app
