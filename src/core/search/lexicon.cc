#include "core/search/lexicon.h"

#include <array>

namespace moteplass::search::lexicon {
namespace {

using namespace std::string_view_literals;

// The report's names for each kind (chapter 3 and 4), the typology's labels in the three
// languages, and what people call them.
constexpr std::array kCouncil = {"innvandrerråd"sv,
                                 "innvandrarråd"sv,
                                 "råd"sv,
                                 "council"sv,
                                 "immigrant council"sv,
                                 "immigrants council"sv,
                                 "council for immigrants"sv,
                                 "flerkulturelt råd"sv,
                                 "fleirkulturelt råd"sv,
                                 "multicultural council"sv,
                                 "råd for innvandrere"sv,
                                 "råd for innvandrarar"sv,
                                 "minoritetsråd"sv,
                                 "minority council"sv,
                                 "rådsmodellen"sv,
                                 "council model"sv,
                                 "innvandrerpolitisk råd"sv,
                                 "innvandrarpolitisk råd"sv};
constexpr std::array kContactCommittee = {"kontaktutvalg"sv,
                                          "kontaktutval"sv,
                                          "kontaktutvalget"sv,
                                          "contact committee"sv,
                                          "committee"sv,
                                          "utvalg"sv,
                                          "utval"sv,
                                          "kontaktutvalgsmodellen"sv,
                                          "kontaktutvalsmodellen"sv,
                                          "contact committee model"sv,
                                          "kontaktutvalg for innvandrere"sv,
                                          "kontaktutval for innvandrarar"sv};
constexpr std::array kDialogue = {"dialogforum"sv,      "dialogue forum"sv, "dialog forum"sv,
                                  "dialogmodellen"sv,   "dialogue model"sv, "dialogmøte"sv,
                                  "dialogue meeting"sv, "dialog"sv,         "dialogue"sv};
constexpr std::array kPoliceForum = {"politiforum"sv,    "politiråd"sv,      "police forum"sv,
                                     "police council"sv, "politi"sv,         "police"sv,
                                     "politikontakt"sv,  "police contact"sv, "politiets dialogforum"sv};
constexpr std::array kInternationalHouse = {
    "internasjonalt hus"sv,   "internasjonale hus"sv,         "international house"sv,   "verdenshus"sv,
    "flerkulturelt senter"sv, "fleirkulturelt senter"sv,      "internasjonalt senter"sv, "international centre"sv,
    "international center"sv, "multicultural centre"sv,       "multicultural center"sv,  "flerkulturelt hus"sv,
    "fleirkulturelt hus"sv,   "internasjonalt kultursenter"sv};
constexpr std::array kThemeMeeting = {"temamøte"sv,          "temamøteplass"sv, "theme meeting"sv,
                                      "enkeltarrangement"sv, "one-off event"sv, "event"sv};
constexpr std::array kWomensGroup = {"kvinnegruppe"sv, "kvinnenettverk"sv,  "women's group"sv,
                                     "womens group"sv, "women"sv,           "kvinner"sv,
                                     "kvinne"sv,       "women's network"sv, "kvinnetreff"sv};
constexpr std::array kFaithCommunity = {"trossamfunn"sv,
                                        "trussamfunn"sv,
                                        "livssynssamfunn"sv,
                                        "tros- og livssynssamfunn"sv,
                                        "trus- og livssynssamfunn"sv,
                                        "faith community"sv,
                                        "religious community"sv,
                                        "moské"sv,
                                        "mosque"sv,
                                        "kirke"sv,
                                        "kyrkje"sv,
                                        "church"sv,
                                        "menighet"sv,
                                        "kyrkjelyd"sv,
                                        "religion"sv,
                                        "faith"sv,
                                        "livssyn"sv,
                                        "tempel"sv,
                                        "temple"sv};

constexpr std::array kConcepts = {
    Concept{"council", "", kCouncil},
    Concept{"contact_committee", "", kContactCommittee},
    Concept{"dialogue", "", kDialogue},
    Concept{"", "police_forum", kPoliceForum},
    Concept{"international_house", "", kInternationalHouse},
    Concept{"theme_meeting", "", kThemeMeeting},
    Concept{"womens_group", "", kWomensGroup},
    Concept{"faith_community", "", kFaithCommunity},
};

constexpr std::array kTranslations = {
    Translation{"immigrant", "innvandrer"},
    Translation{"immigrants", "innvandrere"},
    Translation{"police", "politi"},
    Translation{"council", "råd"},
    Translation{"councils", "råd"},
    Translation{"committee", "utvalg"},
    Translation{"contact", "kontakt"},
    Translation{"dialogue", "dialog"},
    Translation{"house", "hus"},
    Translation{"international", "internasjonal"},
    Translation{"multicultural", "flerkulturell"},
    Translation{"women", "kvinne"},
    Translation{"woman", "kvinne"},
    Translation{"youth", "ungdom"},
    Translation{"young", "ungdom"},
    Translation{"culture", "kultur"},
    Translation{"cultural", "kultur"},
    Translation{"meeting", "møte"},
    Translation{"church", "kirke"},
    Translation{"mosque", "moske"},
    Translation{"network", "nettverk"},
    Translation{"group", "gruppe"},
    Translation{"refugee", "flyktning"},
    Translation{"refugees", "flyktning"},
    Translation{"integration", "integrering"},
    Translation{"introduction", "introduksjon"},
    Translation{"centre", "senter"},
    Translation{"center", "senter"},
    Translation{"volunteer", "frivillig"},
    Translation{"voluntary", "frivillig"},
    Translation{"language", "språk"},
    Translation{"children", "barn"},
    Translation{"parents", "foreldre"},
    Translation{"minority", "minoritet"},
    Translation{"minorities", "minoritet"},
    Translation{"politicians", "politiker"},
    Translation{"sports", "idrett"},
    Translation{"forum", "forum"},
};

constexpr std::array kSpellings = {
    Spelling{"fleirkulturell", "flerkulturell"},
    Spelling{"fleirkulturelt", "flerkulturell"},
    Spelling{"utval", "utvalg"},
    Spelling{"kyrkje", "kirke"},
    Spelling{"trussamfunn", "trossamfunn"},
    Spelling{"moské", "moske"},
    Spelling{"moskè", "moske"},
    Spelling{"kafé", "kafe"},
    Spelling{"møtestad", "møteplass"},
    Spelling{"møtestader", "møteplass"},
    Spelling{"fleire", "flere"},
    Spelling{"deltakarar", "deltakere"},
    Spelling{"tilsette", "ansatte"},
    Spelling{"ungdomar", "ungdom"},
};

constexpr std::array kHeads = {"råd"sv,    "forum"sv,    "utvalg"sv,    "utval"sv, "hus"sv,    "senter"sv,
                               "gruppe"sv, "nettverk"sv, "møteplass"sv, "kafe"sv,  "dialog"sv, "samfunn"sv,
                               "kveld"sv,  "møte"sv,     "forening"sv,  "treff"sv};

constexpr std::array kStopWords = {
    // bokmål and nynorsk
    "i"sv, "og"sv, "for"sv, "på"sv, "til"sv, "av"sv, "med"sv, "om"sv, "fra"sv, "frå"sv, "en"sv, "ei"sv, "et"sv, "eit"sv,
    "ein"sv, "den"sv, "det"sv, "de"sv, "dei"sv, "som"sv, "er"sv, "hvor"sv, "kor"sv, "hva"sv, "kva"sv, "jeg"sv, "eg"sv,
    "min"sv, "mi"sv, "mitt"sv, "ved"sv, "hos"sv, "alle"sv, "nær"sv,
    // the register's own words: every record is one
    "møteplass"sv, "møteplasser"sv, "møtestad"sv, "møtestader"sv, "kommune"sv, "kommunen"sv, "fylke"sv, "fylket"sv,
    "fylkeskommune"sv, "modell"sv, "modellen"sv,
    // English
    "the"sv, "a"sv, "an"sv, "of"sv, "in"sv, "and"sv, "at"sv, "to"sv, "on"sv, "with"sv, "near"sv, "where"sv, "my"sv,
    "is"sv, "meeting"sv, "place"sv, "places"sv, "municipality"sv, "county"sv, "model"sv};

constexpr std::array kOtherNames = {
    // Older names and the counties before 2024 (and before 2020).
    OtherName{"03", "Kristiania"},
    OtherName{"03", "Christiania"},
    OtherName{"0301", "Kristiania"},
    OtherName{"0301", "Christiania"},
    OtherName{"46", "Hordaland"},
    OtherName{"46", "Sogn og Fjordane"},
    OtherName{"34", "Hedmark"},
    OtherName{"34", "Oppland"},
    OtherName{"42", "Aust-Agder"},
    OtherName{"42", "Vest-Agder"},
    OtherName{"50", "Sør-Trøndelag"},
    OtherName{"50", "Nord-Trøndelag"},
    OtherName{"31", "Viken"},
    OtherName{"32", "Viken"},
    OtherName{"33", "Viken"},
    OtherName{"39", "Vestfold og Telemark"},
    OtherName{"40", "Vestfold og Telemark"},
    OtherName{"55", "Troms og Finnmark"},
    OtherName{"56", "Troms og Finnmark"},
    // Counties in Sami and Kven.
    OtherName{"18", "Nordlánnda"},
    OtherName{"50", "Trööndelage"},
    OtherName{"55", "Romsa"},
    OtherName{"55", "Tromssa"},
    OtherName{"56", "Finnmárku"},
    OtherName{"56", "Finmarkku"},
    // Municipalities: the Norwegian name where the data has the Sami one, and the reverse; Kven.
    OtherName{"1806", "Áhkanjárga"},
    OtherName{"1826", "Hattfjelldal"},
    OtherName{"1824", "Vaapste"},
    OtherName{"1825", "Gaala"},
    OtherName{"1833", "Raane"},
    OtherName{"1841", "Fuossko"},
    OtherName{"1853", "Evenássi"},
    OtherName{"1870", "Suortá"},
    OtherName{"1875", "Hamarøy"},
    OtherName{"5006", "Stïenghke"},
    OtherName{"5025", "Plassje"},
    OtherName{"5041", "Snåsa"},
    OtherName{"5042", "Lijre"},
    OtherName{"5043", "Røyrvik"},
    OtherName{"5044", "Nåavmesjenjaelmie"},
    OtherName{"5501", "Romsa"},
    OtherName{"5501", "Tromssa"},
    OtherName{"5503", "Hárstták"},
    OtherName{"5512", "Tjeldsund"},
    OtherName{"5518", "Lavangen"},
    OtherName{"5524", "Málatvuopmi"},
    OtherName{"5534", "Gálsa"},
    OtherName{"5536", "Ivgu"},
    OtherName{"5536", "Yykeä"},
    OtherName{"5538", "Omasvuotna"},
    OtherName{"5538", "Omasvuono"},
    OtherName{"5540", "Kåfjord"},
    OtherName{"5540", "Kaivuono"},
    OtherName{"5544", "Ráisa"},
    OtherName{"5544", "Raisi"},
    OtherName{"5546", "Návuotna"},
    OtherName{"5546", "Naavuono"},
    OtherName{"5601", "Áltá"},
    OtherName{"5601", "Alattio"},
    OtherName{"5603", "Hámmárfeasta"},
    OtherName{"5605", "Mátta-Várjjat"},
    OtherName{"5605", "Etelä-Varenki"},
    OtherName{"5607", "Čáhcesuolu"},
    OtherName{"5607", "Vesisaari"},
    OtherName{"5610", "Karasjok"},
    OtherName{"5612", "Kautokeino"},
    OtherName{"5618", "Muosát"},
    OtherName{"5620", "Davvenjárga"},
    OtherName{"5622", "Porsáŋgu"},
    OtherName{"5622", "Porsanki"},
    OtherName{"5624", "Davvesiida"},
    OtherName{"5626", "Gáŋgaviika"},
    OtherName{"5628", "Tana"},
    OtherName{"5630", "Bearalváhki"},
    OtherName{"5632", "Báhcavuotna"},
    OtherName{"5634", "Várggát"},
    OtherName{"5634", "Vuoreija"},
    OtherName{"5636", "Nesseby"},
};

}  // namespace

std::span<const Concept> Concepts() { return kConcepts; }
std::span<const Translation> Translations() { return kTranslations; }
std::span<const Spelling> Spellings() { return kSpellings; }
std::span<const std::string_view> Heads() { return kHeads; }
std::span<const std::string_view> StopWords() { return kStopWords; }
std::span<const OtherName> OtherNames() { return kOtherNames; }

}  // namespace moteplass::search::lexicon
