#include "app/studies/qdpx.h"

#include <zip.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <set>
#include <sstream>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "app/studies/codings.h"
#include "app/studies/guides.h"
#include "app/studies/zip_handles.h"
#include "core/json_text.h"
#include "core/status_macros.h"
#include "core/studies/coding.h"
#include "core/studies/guide.h"
#include "core/uuid.h"

namespace moteplass::app {
namespace {

using nlohmann::json;

// A label object's bokmål, else any text it holds.
std::string Nb(const json& label) {
  if (label.is_string()) return label.get<std::string>();
  if (!label.is_object()) return "";
  for (const char* lang : {"nb", "nn", "en"}) {
    std::string t = TextMember(label, lang);
    if (!t.empty()) return t;
  }
  return "";
}

// XML 1.0 refuses most control characters even as references: they are left out.
std::string XmlText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\t' && c != '\r') continue;
    out.push_back(c);
  }
  return out;
}

// A closed answer as the guide's bokmål choice labels (names it lacks as they are).
std::string ClosedText(const json& value, const json* guide, const json* question) {
  if (value.is_null()) return "";
  const json* list = nullptr;
  if (guide != nullptr && question != nullptr) list = studies::FindList(*guide, TextMember(*question, "list"));
  auto one = [&](const json& v) -> std::string {
    if (!v.is_string()) return v.dump();
    const std::string name = v.get<std::string>();
    if (list != nullptr) {
      for (const json& c : list->is_object() ? list->value("choices", json::array()) : *list) {
        if (TextMember(c, "name") == name) return Nb(c.value("label", json()));
      }
    }
    return name;
  };
  if (!value.is_array()) return one(value);
  std::string out;
  for (const json& v : value) out += (out.empty() ? "" : ", ") + one(v);
  return out;
}

// Where an answer lies in its interview's document, in code points.
struct Placed {
  std::int64_t start = 0;  // the answer (its choices, else its text)
  std::int64_t end = 0;
  std::int64_t text_start = -1;  // the free text, -1 when the document does not hold it
  std::int64_t text_length = 0;
};

struct Document {
  std::string guid;
  std::string text;
  std::map<std::string, Placed> answers;  // by question
};

Document Compose(const json& interview, const json* guide, bool text_ok) {
  Document d;
  std::int64_t at = 0;
  auto add = [&](const std::string& t) {
    d.text += t;
    at += studies::CodePoints(t);
  };
  for (const json& a : interview.value("answers", json::array())) {
    const std::string name = TextMember(a, "question");
    const json* question = guide != nullptr ? studies::FindQuestion(*guide, name) : nullptr;
    const std::string closed = XmlText(ClosedText(a.value("value", json()), guide, question));
    const std::string text = text_ok ? XmlText(TextMember(a, "text")) : "";
    if (closed.empty() && text.empty()) continue;
    const std::string label = question != nullptr ? Nb(question->value("label", json())) : name;
    add(XmlText(label.empty() ? name : label) + "\n");
    Placed p;
    p.start = at;
    if (!closed.empty()) add(closed + (text.empty() ? "" : "\n"));
    if (!text.empty()) {
      p.text_start = at;
      p.text_length = studies::CodePoints(text);
      add(text);
    }
    p.end = at;
    add("\n\n");
    d.answers.emplace(name, p);
  }
  return d;
}

// A zip of `entries` (name, bytes), deflated, in memory.
Result<std::string> Zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_error_fini(&error);
  if (buffer == nullptr) return Error::Internal("cannot start the project's zip");
  zip_error_init(&error);
  std::unique_ptr<zip_t, ZipCloser> z(zip_open_from_source(buffer, ZIP_TRUNCATE, &error));
  zip_error_fini(&error);
  if (!z) {
    zip_source_free(buffer);
    return Error::Internal("cannot start the project's zip");
  }
  zip_source_keep(buffer);
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> owned(buffer, zip_source_free);
  for (const auto& [name, bytes] : entries) {
    zip_source_t* entry = zip_source_buffer(z.get(), bytes.data(), bytes.size(), 0);
    if (entry == nullptr) return Error::Internal("cannot add to the project's zip");
    if (zip_file_add(z.get(), name.c_str(), entry, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      zip_source_free(entry);
      return Error::Internal("cannot add to the project's zip");
    }
  }
  if (zip_close(z.get()) != 0) return Error::Internal("cannot write the project's zip");
  (void)z.release();
  if (zip_source_open(buffer) != 0) return Error::Internal("cannot read the project's zip");
  std::string out;
  char chunk[65536];
  for (zip_int64_t n; (n = zip_source_read(buffer, chunk, sizeof chunk)) > 0;) out.append(chunk, n);
  zip_source_close(buffer);
  return out;
}

void Attr(pugi::xml_node node, const char* name, const std::string& value) {
  node.append_attribute(name).set_value(XmlText(value).c_str());
}

void Element(pugi::xml_node parent, const char* name, const std::string& text) {
  parent.append_child(name).text().set(XmlText(text).c_str());
}

void Ref(pugi::xml_node parent, const char* name, const std::string& guid) {
  Attr(parent.append_child(name), "targetGUID", guid);
}

}  // namespace

std::string QdpxGuid(std::int64_t study, std::string_view kind, std::string_view id) {
  return Uuid5(kUrlNamespace,
               "urn:moteplass:study:" + std::to_string(study) + ":" + std::string(kind) + ":" + std::string(id));
}

Result<std::string> WriteQdpx(Services& s, const Principal& who, const StudyAccess& access,
                              const std::map<std::int64_t, std::string>& place_names, bool with_identities) {
  const std::int64_t study = access.study.id;
  auto guid = [study](std::string_view kind, const auto& id) {
    if constexpr (std::is_integral_v<std::decay_t<decltype(id)>>) {
      return QdpxGuid(study, kind, std::to_string(id));
    } else {
      return QdpxGuid(study, kind, id);
    }
  };
  ASSIGN_OR_RETURN(std::vector<StudyRecord> informants, s.store.studies().ListInformants(study));
  ASSIGN_OR_RETURN(std::vector<StudyRecord> interviews, s.store.studies().ListInterviews(study));
  ASSIGN_OR_RETURN(std::vector<CodingView> codings, ListCodings(s, who, study));
  ASSIGN_OR_RETURN(json codebook, GetCodebook(s, who, study));
  GuideDocuments guides(s);

  std::map<std::int64_t, const StudyRecord*> informant_of;
  for (const StudyRecord& i : informants) {
    if (!i.withdrawn) informant_of[i.id] = &i;
  }
  auto place_of = [&](const json& mp) -> std::string {
    if (!mp.is_number_integer()) return "";
    auto n = place_names.find(mp.get<std::int64_t>());
    return n != place_names.end() ? n->second : "";
  };

  // The documents, one per interview of an informant still in the study.
  std::map<std::int64_t, Document> documents;                    // by interview
  std::map<std::int64_t, std::vector<std::int64_t>> sources_of;  // informant: interviews
  std::map<std::int64_t, std::string> source_name, source_created;
  for (const StudyRecord& v : interviews) {
    const std::int64_t informant = IntMember(v.data, "informant");
    auto i = informant_of.find(informant);
    if (i == informant_of.end()) continue;
    const bool reviewed = v.data.value("reviewed_for_identifiers", false) == true;
    const json* guide = guides(TextMember(v.data, "guide"), IntMember(v.data, "guide_version"));
    Document d = Compose(v.data, guide, with_identities || reviewed);
    d.guid = guid("interview", v.id);
    documents.emplace(v.id, std::move(d));
    sources_of[informant].push_back(v.id);
    const json mp = v.data.value("meeting_place", json()).is_null() ? i->second->data.value("meeting_place", json())
                                                                    : v.data.value("meeting_place", json());
    std::string place = place_of(mp);
    source_name[v.id] = TextMember(i->second->data, "pseudonym") + (place.empty() ? "" : " " + place) + " #" +
                        std::to_string(v.id);
    source_created[v.id] = v.created_at;
  }

  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "utf-8";
  pugi::xml_node project = doc.append_child("Project");
  Attr(project, "xmlns", "urn:QDA-XML:project:1.0");
  Attr(project, "name", TextMember(access.study.data, "name"));
  Attr(project, "origin", "moteplass");
  if (!access.study.created_at.empty()) Attr(project, "creationDateTime", access.study.created_at);
  if (!access.study.updated_at.empty()) Attr(project, "modifiedDateTime", access.study.updated_at);

  // Coders.
  std::set<std::string> coders;
  for (const CodingView& c : codings) {
    if (!c.stale && !TextMember(c.record.data, "coder").empty()) coders.insert(TextMember(c.record.data, "coder"));
  }
  if (!coders.empty()) {
    pugi::xml_node users = project.append_child("Users");
    for (const std::string& c : coders) {
      pugi::xml_node u = users.append_child("User");
      Attr(u, "guid", guid("user", c));
      Attr(u, "name", c);
    }
  }

  // The codebook: a group is a parent code that is not codable.
  std::map<std::string, std::string> code_guid;
  const json codes = codebook.value("codes", json::array());
  if (!codes.empty()) {
    pugi::xml_node list = project.append_child("CodeBook").append_child("Codes");
    std::map<std::string, pugi::xml_node> groups;
    for (const json& c : codes) {
      const std::string id = TextMember(c, "id");
      const std::string group = TextMember(c, "group");
      pugi::xml_node parent = list;
      if (!group.empty()) {
        auto g = groups.find(group);
        if (g == groups.end()) {
          pugi::xml_node node = list.append_child("Code");
          Attr(node, "guid", guid("code-group", group));
          Attr(node, "name", group);
          Attr(node, "isCodable", "false");
          g = groups.emplace(group, node).first;
        }
        parent = g->second;
      }
      pugi::xml_node node = parent.append_child("Code");
      code_guid[id] = guid("code", id);
      Attr(node, "guid", code_guid[id]);
      const std::string name = Nb(c.value("name", json()));
      Attr(node, "name", name.empty() ? id : name);
      Attr(node, "isCodable", "true");
      const std::string description = Nb(c.value("description", json()));
      if (!description.empty()) Element(node, "Description", description);
    }
  }

  // The informants' variables and cases.
  static constexpr const char* kVariables[] = {"side", "role", "meeting_place"};
  pugi::xml_node variables = project.append_child("Variables");
  for (const char* v : kVariables) {
    pugi::xml_node node = variables.append_child("Variable");
    Attr(node, "guid", guid("variable", std::string(v)));
    Attr(node, "name", v);
    Attr(node, "typeOfVariable", "Text");
  }
  if (!informant_of.empty()) {
    pugi::xml_node cases = project.append_child("Cases");
    for (const auto& [id, informant] : informant_of) {
      pugi::xml_node node = cases.append_child("Case");
      Attr(node, "guid", guid("informant", id));
      Attr(node, "name", TextMember(informant->data, "pseudonym"));
      if (with_identities) {
        auto identity = GetIdentity(s, who, study, id);
        if (identity.ok() && !TextMember(*identity, "name").empty())
          Element(node, "Description", TextMember(*identity, "name"));
      }
      const std::string values[] = {TextMember(informant->data, "side"), TextMember(informant->data, "role"),
                                    place_of(informant->data.value("meeting_place", json()))};
      for (std::size_t k = 0; k < std::size(kVariables); ++k) {
        if (values[k].empty()) continue;
        pugi::xml_node value = node.append_child("VariableValue");
        Ref(value, "VariableRef", guid("variable", std::string(kVariables[k])));
        Element(value, "TextValue", values[k]);
      }
      for (std::int64_t v : sources_of[id]) Ref(node, "SourceRef", documents[v].guid);
    }
  }

  // The interviews, their codings as selections, and the codings' memos as notes.
  std::map<std::int64_t, std::vector<const CodingView*>> coded;  // by interview
  for (const CodingView& c : codings) {
    if (!c.stale) coded[c.record.interview].push_back(&c);
  }
  std::vector<std::pair<std::string, std::string>> entries = {{"project.qde", ""}};
  std::vector<std::pair<std::string, std::string>> memos;  // guid, text
  if (!documents.empty()) {
    pugi::xml_node sources = project.append_child("Sources");
    for (auto& [id, d] : documents) {
      pugi::xml_node source = sources.append_child("TextSource");
      Attr(source, "guid", d.guid);
      Attr(source, "name", source_name[id]);
      Attr(source, "plainTextPath", "internal://" + d.guid + ".txt");
      if (!source_created[id].empty()) Attr(source, "creationDateTime", source_created[id]);
      for (const CodingView* c : coded[id]) {
        const json& data = c->record.data;
        auto placed = d.answers.find(TextMember(data, "question"));
        auto code = code_guid.find(TextMember(data, "code"));
        if (placed == d.answers.end() || code == code_guid.end()) continue;
        const Placed& p = placed->second;
        std::int64_t start = p.start, end = p.end;
        if (data.value("start", json()).is_number_integer()) {
          if (p.text_start < 0) continue;  // its text is not given
          start = p.text_start + std::clamp<std::int64_t>(IntMember(data, "start"), 0, p.text_length);
          end = p.text_start + std::clamp<std::int64_t>(IntMember(data, "end"), 0, p.text_length);
        }
        pugi::xml_node selection = source.append_child("PlainTextSelection");
        Attr(selection, "guid", guid("selection", c->record.id));
        Attr(selection, "startPosition", std::to_string(start));
        Attr(selection, "endPosition", std::to_string(end));
        const std::string coder = TextMember(data, "coder");
        if (!coder.empty()) Attr(selection, "creatingUser", guid("user", coder));
        if (!c->record.created_at.empty()) Attr(selection, "creationDateTime", c->record.created_at);
        pugi::xml_node coding = selection.append_child("Coding");
        Attr(coding, "guid", guid("coding", c->record.id));
        if (!coder.empty()) Attr(coding, "creatingUser", guid("user", coder));
        Ref(coding, "CodeRef", code->second);
        const std::string memo = TextMember(data, "memo");
        if (!memo.empty() && p.text_start >= 0) {
          memos.emplace_back(guid("memo", c->record.id), memo);
          Ref(selection, "NoteRef", memos.back().first);
        }
      }
      entries.emplace_back("sources/" + d.guid + ".txt", std::move(d.text));
    }
  }
  if (!memos.empty()) {
    pugi::xml_node notes = project.append_child("Notes");
    for (const auto& [id, memo] : memos) {
      pugi::xml_node note = notes.append_child("Note");
      Attr(note, "guid", id);
      Element(note, "PlainTextContent", memo);
    }
  }
  const std::string description = TextMember(access.study.data, "description");
  if (!description.empty()) Element(project, "Description", description);

  std::ostringstream qde;
  doc.save(qde, "  ", pugi::format_default, pugi::encoding_utf8);
  entries.front().second = qde.str();
  return Zip(entries);
}

}  // namespace moteplass::app
