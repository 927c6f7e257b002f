#include "pdf/document_pdf.h"

#include <cairo.h>

#include <algorithm>
#include <memory>
#include <vector>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

namespace moteplass::pdf {
namespace {

using nlohmann::json;

constexpr double kWidth = 595.276;  // A4 in points
constexpr double kHeight = 841.89;
constexpr double kMargin = 56.0;
constexpr double kContent = kWidth - 2 * kMargin;

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string Text(const json& j) { return j.is_string() ? j.get<std::string>() : std::string(); }

// Draws text laid out by Pango, top to bottom, starting a new page where it would not fit.
class Writer {
 public:
  explicit Writer(cairo_t* cr) : cr_(cr), layout_(pango_cairo_create_layout(cr), g_object_unref) {
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
  }

  // The height `text` takes in `font` within `width`.
  double Measure(const std::string& text, const char* font, double width) {
    Set(text, font, width);
    int w = 0, h = 0;
    pango_layout_get_size(layout_.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  // Breaks the page unless `height` fits below the current line.
  void Room(double height) {
    if (y_ + height <= kHeight - kMargin || y_ == kMargin) return;
    cairo_show_page(cr_);
    y_ = kMargin;
  }
  // Draws `text` at x (from the margin) without moving down; returns its height.
  double At(const std::string& text, const char* font, double x, double width) {
    const double h = Measure(text, font, width);
    cairo_move_to(cr_, kMargin + x, y_);
    pango_cairo_show_layout(cr_, layout_.get());
    return h;
  }
  // Draws a block tagged `tag` on a line of its own, then leaves `after` points.
  void Block(const char* tag, const std::string& text, const char* font, double after) {
    Room(Measure(text, font, kContent));
    cairo_tag_begin(cr_, tag, nullptr);
    y_ += At(text, font, 0, kContent);
    cairo_tag_end(cr_, tag);
    y_ += after;
  }
  void Down(double dy) { y_ += dy; }
  cairo_t* cr() { return cr_; }

 private:
  void Set(const std::string& text, const char* font, double width) {
    PangoFontDescription* desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout_.get(), desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout_.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_text(layout_.get(), text.c_str(), static_cast<int>(text.size()));
  }

  cairo_t* cr_;
  std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout_;
  double y_ = kMargin;
};

constexpr const char* kBody = "DejaVu Sans 10";
constexpr const char* kBold = "DejaVu Sans Bold 10";

void List(Writer& w, const json& items) {
  cairo_tag_begin(w.cr(), "L", nullptr);
  for (const json& item : items) {
    const std::string text = Text(item);
    w.Room(w.Measure(text, kBody, kContent - 14));
    cairo_tag_begin(w.cr(), "LI", nullptr);
    cairo_tag_begin(w.cr(), "Lbl", nullptr);
    w.At("•", kBody, 2, 12);
    cairo_tag_end(w.cr(), "Lbl");
    cairo_tag_begin(w.cr(), "LBody", nullptr);
    w.Down(w.At(text, kBody, 14, kContent - 14) + 3);
    cairo_tag_end(w.cr(), "LBody");
    cairo_tag_end(w.cr(), "LI");
  }
  cairo_tag_end(w.cr(), "L");
  w.Down(6);
}

void Row(Writer& w, const json& cells, bool head) {
  const std::size_t n = std::max<std::size_t>(cells.size(), 1);
  const double col = kContent / static_cast<double>(n);
  double height = 0;
  for (const json& c : cells) height = std::max(height, w.Measure(Text(c), head ? kBold : kBody, col - 6));
  w.Room(height);
  cairo_tag_begin(w.cr(), "TR", nullptr);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const char* tag = head || i == 0 ? "TH" : "TD";
    cairo_tag_begin(w.cr(), tag, nullptr);
    w.At(Text(cells[i]), head ? kBold : kBody, col * static_cast<double>(i), col - 6);
    cairo_tag_end(w.cr(), tag);
  }
  cairo_tag_end(w.cr(), "TR");
  w.Down(height + 4);
}

void Table(Writer& w, const json& block) {
  cairo_tag_begin(w.cr(), "Table", nullptr);
  if (block.contains("caption")) w.Block("Caption", Text(block["caption"]), kBold, 4);
  if (block.contains("head")) Row(w, block["head"], true);
  for (const json& row : block.value("rows", json::array())) Row(w, row, false);
  cairo_tag_end(w.cr(), "Table");
  w.Down(8);
}

// The document's language in the catalog (/Lang), which Cairo 1.16 cannot set. Cairo writes the
// catalog last, just before the cross-reference table, so only the table's offset (startxref)
// moves; anything else is returned as it is.
std::string WithLang(std::string pdf, const std::string& lang) {
  const std::string catalog = "<< /Type /Catalog\n", start = "\nstartxref\n";
  const std::size_t at = pdf.rfind(catalog), xref = pdf.rfind("\nxref\n"), offset = pdf.rfind(start);
  if (lang.empty() || at == std::string::npos || xref == std::string::npos || offset == std::string::npos ||
      at > xref || xref > offset) {
    return pdf;
  }
  const std::size_t digits = offset + start.size(), end = pdf.find('\n', digits);
  if (end == std::string::npos || end == digits) return pdf;
  const std::string number = pdf.substr(digits, end - digits);
  if (number.find_first_not_of("0123456789") != std::string::npos) return pdf;
  const std::string insert = "   /Lang (" + lang + ")\n";
  pdf.replace(digits, end - digits, std::to_string(std::stoull(number) + insert.size()));
  pdf.insert(at + catalog.size(), insert);
  return pdf;
}

}  // namespace

std::string Render(const json& document) {
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Append, &out, kWidth, kHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return "";
  }
  const std::string title = Text(document.value("title", json()));
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, Text(document.value("author", json())).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "moteplass");
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  {
    Writer w(cr);
    cairo_tag_begin(cr, "Document", nullptr);
    for (const json& block : document.value("blocks", json::array())) {
      const std::string type = Text(block.value("type", json()));
      if (type == "h1") {
        w.Block("H1", Text(block["text"]), "DejaVu Sans Bold 18", 10);
      } else if (type == "h2") {
        w.Down(6);
        w.Room(60);  // a heading is not left alone at the foot of a page
        w.Block("H2", Text(block["text"]), "DejaVu Sans Bold 13", 6);
      } else if (type == "p") {
        w.Block("P", Text(block["text"]), kBody, 6);
      } else if (type == "list") {
        List(w, block.value("items", json::array()));
      } else if (type == "table") {
        Table(w, block);
      }
    }
    cairo_tag_end(cr, "Document");
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const bool ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(surface);
  if (!ok) return "";
  const std::string lang = Text(document.value("lang", json()));
  const bool plain = !lang.empty() && lang.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string::npos;
  return plain ? WithLang(std::move(out), lang) : out;
}

}  // namespace moteplass::pdf
