#include "sim/sweep/sweep_outputs.hpp"

#include <stdexcept>

#include "sim/sweep/member_files.hpp"

namespace citytwin::sweep {

std::vector<io::SweepMember> variant_members(const io::SweepFile& s, const std::string& name) {
    std::string names;
    std::size_t variant = s.variants.size();
    for (std::size_t v = 0; v < s.variants.size(); ++v) {
        names += (v ? ", " : "") + s.variants[v].name;
        if (s.variants[v].name == name) variant = v;
    }
    if (variant == s.variants.size())
        throw std::invalid_argument(s.file + ": the sweep has no variant '" + name + "' (variants: " + names + ")");
    std::vector<io::SweepMember> out;
    for (std::size_t i = 0; i < io::sweep_member_count(s); ++i) {
        io::SweepMember m = io::sweep_member(s, i);
        if (m.variant == variant && member_state(m) == MemberState::Done) out.push_back(std::move(m));
    }
    if (out.empty())
        throw std::invalid_argument(s.file + ": variant '" + name + "' has no complete member yet (citytwin sweep run)");
    return out;
}

}  // namespace citytwin::sweep
