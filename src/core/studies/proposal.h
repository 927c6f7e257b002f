// Proposals to the register from a mapping study (contracts/studies.md, "Proposal"): the fields
// of a meeting place's profile that its informants' closed answers support, each with the
// informants it came from and whether they agree. A guide question names the field it supports
// with `profile_pointer` (data/guides/*.json); a yes/no answer is a boolean, a number a number, a
// choice its name (the guides' lists use the profile's names). Pure: the use case
// (app/studies/proposal.h) reads the interviews and writes accepted fields through the register.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/studies/answers_import.h"

namespace moteplass::studies {

struct ProposalInformant {
  std::int64_t id = 0;
  std::string pseudonym;
};

// {"meeting_place", "fields": [{"pointer", "value", "from": [{"informant", "pseudonym"}],
//   "conflict", "values": [{"value", "from"}], "current", "differs"}]}, fields in the order the
// interviews first answer them (the guide's). `place` is the meeting place as the API shows it
// (current values); `interviews` the documents of `informants` about it (the latest answer of
// each informant counts). On a conflict "value" is the answer most informants gave (the first
// given on a tie), and "values" lists each.
nlohmann::json Proposal(std::int64_t meeting_place, const nlohmann::json& place,
                        const std::vector<ProposalInformant>& informants, const std::vector<nlohmann::json>& interviews,
                        const GuideOf& guide_of);

// `place` (as the API shows it) with the accepted fields of `proposal` set. `body` is
// {"pointers": ["/profile/...", {"pointer": "/profile/...", "value": v}, ...]}: a pointer the
// informants disagree on must come with the value chosen, one of theirs. kInvalid naming
// /pointers/N otherwise.
Result<nlohmann::json> Accept(const nlohmann::json& proposal, nlohmann::json place, const nlohmann::json& body);

}  // namespace moteplass::studies
