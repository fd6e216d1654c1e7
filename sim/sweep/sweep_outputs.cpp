#include "sim/sweep/sweep_outputs.hpp"

#include <stdexcept>

#include "sim/sweep/member_files.hpp"

namespace citytwin::sweep {

std::vector<std::string> variant_outputs(const std::string& sweep_file, const std::string& name) {
    const io::SweepFile s = io::load_sweep_file(sweep_file);
    std::string names;
    std::size_t variant = s.variants.size();
    for (std::size_t v = 0; v < s.variants.size(); ++v) {
        names += (v ? ", " : "") + s.variants[v].name;
        if (s.variants[v].name == name) variant = v;
    }
    if (variant == s.variants.size())
        throw std::invalid_argument(sweep_file + ": the sweep has no variant '" + name + "' (variants: " + names + ")");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < io::sweep_member_count(s); ++i) {
        const io::SweepMember m = io::sweep_member(s, i);
        if (m.variant == variant && member_state(m) == MemberState::Done) out.push_back(m.output);
    }
    if (out.empty())
        throw std::invalid_argument(sweep_file + ": variant '" + name + "' has no complete member yet (citytwin sweep run)");
    return out;
}

}  // namespace citytwin::sweep
