// The answer of an analysis (contracts/analysis.md): a cube of cells over named dimensions, each
// cell with its value, how many people (or cases) contribute to it, and whether it is suppressed.
// Written out as a JSON-stat 2.0 dataset (the format Statistics Norway publishes in) or as CSV,
// one row per cell, with labels in the reader's language from the message catalogue
// (src/core/messages/analysis.json).
//
// Privacy (the contract's "Privacy in public answers"): Suppress() hides every cell to which
// fewer than kThreshold people contribute, and a second cell in any row where a single hidden one
// could be recovered from the row's total (which other public answers give).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/messages.h"

namespace moteplass::analysis {

inline constexpr int kThreshold = 3;
// A cell's contributors when it counts organisations, not people: never suppressed.
inline constexpr int kOrganisations = -1;

struct Category {
  std::string id;
  std::string label;  // a literal label (a region's name); empty: the catalogue's
                      // "analysis.<dimension>.<id>" (with ".label" after an id ending in "_one")
};

struct Dimension {
  std::string id;
  std::vector<Category> categories;
};

struct Dataset {
  std::string name;  // the analysis: "kinds", "gender_balance", ...
  std::vector<Dimension> dimensions;
  // Row-major, the last dimension varying fastest (JSON-stat's order).
  std::vector<std::optional<double>> values;
  std::vector<int> contributors;  // kOrganisations, or how many people (cases) contribute
  std::vector<bool> suppressed;
  std::vector<std::string> notes;  // message keys, in order
  nlohmann::json filters = nlohmann::json::object();

  // An empty cube over `dims`: every value 0, contributors 0.
  static Dataset Make(std::string name, std::vector<Dimension> dims);
  // The cell of the category indices given, one per dimension.
  std::size_t Cell(const std::vector<std::size_t>& at) const;
  // The index of category `id` of dimension `dim`; npos when none.
  std::size_t CategoryIndex(std::size_t dim, const std::string& id) const;
  // Adds `value` and `people` to the cell of the category ids given (one per dimension);
  // ignored when an id is not a category.
  void Add(const std::vector<std::string>& ids, double value, int people);
  void AddNote(const std::string& key);
  bool AnySuppressed() const;
};

// Hides cells with 0 < contributors < kThreshold (value null), then, in every row along the last
// dimension in which exactly one cell is hidden, the smallest other non-zero cell (or every other
// cell when none is non-zero), so that no hidden cell equals a row total minus shown cells.
// Cells of organisations are never hidden. `rows` false: no second suppression (a single
// dimension whose cells add up to nothing published).
void Suppress(Dataset& d, bool rows);
// Hides, besides, the cells hidden in `part` (the same analysis over a part of `d`'s data: one
// county, one year), so that the whole minus the other parts cannot recover them.
void SuppressLike(Dataset& d, const Dataset& part);

// JSON-stat 2.0: version, class, label, id, size, dimension (category index and label), value,
// status (":" for a hidden cell), note, extension {suppressed, threshold, filters}.
nlohmann::json ToJsonStat(const Dataset& d, Lang lang);
// One row per cell: for each dimension its category id and label, then value and status.
std::string ToCsv(const Dataset& d, Lang lang);
// A plain table for people at a terminal.
std::string ToText(const Dataset& d, Lang lang);

// The label of a category, a dimension or an analysis in `lang`.
std::string CategoryLabel(const Dimension& dim, const Category& c, Lang lang);

}  // namespace moteplass::analysis
