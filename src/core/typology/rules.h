// The typology's rules outside the three models (docs/TYPOLOGY.md sections 1 and 2): the
// definition of a meeting place, the established channels and the houses that only start
// meeting places, the kinds recognised by a distinctive trait, and who runs a police forum.
// Internal to src/core/typology; typology.cc assembles the verdict from them.
#pragma once

#include <string>
#include <vector>

#include "core/typology/profile.h"
#include "core/typology/typology.h"

namespace moteplass::typology_rules {

// Whether the purposes include dialogue, preventing racism, interfaith dialogue or a theme.
bool HasDialoguePurpose(const Profile& p);

// The police take part: they hold seats or the chair.
bool PoliceTakePart(const Profile& p);

// Checks the definition (immigrant participants, local authorities, local, dialogue), the
// established channels and the houses that only start meeting places. Fills
// c->failed_criteria (in kCriteria order) and pushes the reasons onto c->reasons.
void CheckDefinition(const Profile& p, Classification* c);

// The kinds outside the three models, recognised by a distinctive structural trait; "" when
// none applies (the structure then decides among the models). Writes the reasons that decided.
std::string OtherKind(const Profile& p, std::vector<Reason>* reasons);

// How the police run a forum (catalogue keys), for the police-forum subtype; empty when they do
// not run it. A forum the municipality chairs, with police officers among others, is not run by
// the police.
std::vector<std::string> PoliceRunsIt(const Profile& p);

// The police set it up or chair it and chose its members themselves: the report's police forum,
// whatever the scores of the models (ch. 3, "Politifora").
bool PoliceForumByStructure(const Profile& p);

}  // namespace moteplass::typology_rules
