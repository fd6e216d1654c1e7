#include "io/output/cf_time.hpp"

#include <cctype>

#include "io/output/h5_attributes.hpp"
#include "io/output/h5_handles.hpp"

namespace citytwin::io::h5 {
namespace {

bool digits(const std::string& s, std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t i = at; i < at + n; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

}  // namespace

std::string cf_time_units(const std::string& start) {
    // YYYY-MM-DD?HH:MM[:SS]
    if (start.size() < 16 || !digits(start, 0, 4) || start[4] != '-' || !digits(start, 5, 2) || start[7] != '-' ||
        !digits(start, 8, 2) || (start[10] != 'T' && start[10] != ' ') || !digits(start, 11, 2) || start[13] != ':' ||
        !digits(start, 14, 2))
        return "";
    std::string seconds = "00";
    if (start.size() >= 19 && start[16] == ':' && digits(start, 17, 2)) seconds = start.substr(17, 2);
    else if (start.size() != 16) return "";
    return "seconds since " + start.substr(0, 10) + " " + start.substr(11, 5) + ":" + seconds;
}

void write_cf_time_units(hid_t time_dataset) {
    const hid_t file = H5Iget_file_id(time_dataset);
    if (file < 0) return;
    Handle owned(file, H5Fclose);
    Handle root = group(H5Gopen2(file, "/", H5P_DEFAULT), "opening the root group");
    if (!has_attribute(root, "start")) return;
    const std::string units = cf_time_units(read_string_attribute(root, "start"));
    if (units.empty()) return;
    write_string_attribute(time_dataset, "units", units);
    // The start is local time without a zone: the calendar is the civil one.
    write_string_attribute(time_dataset, "calendar", "proleptic_gregorian");
    write_string_attribute(time_dataset, "standard_name", "time");
    write_string_attribute(time_dataset, "axis", "T");
}

}  // namespace citytwin::io::h5
