// Expanding a sweep into members, one at a time and from the index alone: grid combinations
// by mixed-radix decomposition, samples by counter-based random numbers keyed by (sweep seed,
// sample, parameter), latin strata by a keyed permutation of the sample numbers.
#include "io/sweep/sweep_members.hpp"

#include <cmath>
#include <stdexcept>

#include "io/sweep/normal_quantile.hpp"
#include "io/sweep/sweep_value_text.hpp"
#include "kernels/core/random.hpp"
#include "sim/core/content_hash.hpp"

namespace citytwin::io {
namespace {

// Streams of the sweep's random numbers, apart from the engine's.
constexpr std::uint32_t kSampleStream = 0x53414d50u;   // "SAMP"
constexpr std::uint32_t kStratumStream = 0x5354524eu;  // "STRN"

// A bijection of [0, n) keyed by (seed, parameter): a four-round Feistel network over the
// smallest even-bit domain holding n, walked until it lands inside [0, n). O(1) per member, so
// a member's stratum never needs the whole permutation.
std::uint64_t keyed_permutation(std::uint64_t x, std::uint64_t n, std::uint64_t seed, std::uint32_t parameter) {
    unsigned bits = 2;
    while ((std::uint64_t{1} << bits) < n) bits += 2;
    const unsigned half = bits / 2;
    const std::uint64_t mask = (std::uint64_t{1} << half) - 1;
    do {
        std::uint64_t left = x >> half, right = x & mask;
        for (std::uint32_t round = 0; round < 4; ++round) {
            const auto f = kernels::random4(seed, static_cast<std::uint32_t>(right), round, kStratumStream ^ parameter).v[0];
            const std::uint64_t next = left ^ (f & mask);
            left = right;
            right = next;
        }
        x = (left << half) | right;
    } while (x >= n);
    return x;
}

std::string sampled_value(const SweepFile& s, std::size_t c, std::size_t p) {
    const auto sample = static_cast<std::uint32_t>(c), param = static_cast<std::uint32_t>(p);
    double u = kernels::random_uniform(s.seed, sample, param, kSampleStream);
    if (s.design == SweepDesign::Latin) {
        // One draw in each of `samples` equal strata of probability, per parameter.
        const std::uint64_t stratum = keyed_permutation(c, s.samples, s.seed, param);
        u = (static_cast<double>(stratum) + u) / static_cast<double>(s.samples);
    }
    const SweepParameter& par = s.parameters[p];
    if (!par.distribution) {
        const auto n = par.values.size();
        return par.values[std::min<std::size_t>(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)))];
    }
    const SweepDistribution& d = *par.distribution;
    double v = 0.0;
    switch (d.kind) {
        case SweepDistribution::Kind::Uniform: v = d.a + u * (d.b - d.a); break;
        case SweepDistribution::Kind::Normal: v = d.a + d.b * normal_quantile(u); break;
        case SweepDistribution::Kind::Lognormal: v = std::exp(d.a + d.b * normal_quantile(u)); break;
    }
    return number_text(v) + (d.unit.empty() ? "" : " " + d.unit);
}

}  // namespace

std::vector<std::string> combination_values(const SweepFile& s, std::size_t c) {
    std::vector<std::string> out(s.parameters.size());
    if (s.design == SweepDesign::Grid) {
        for (std::size_t p = s.parameters.size(); p-- > 0;) {
            const auto n = s.parameters[p].values.size();
            out[p] = s.parameters[p].values[c % n];
            c /= n;
        }
        return out;
    }
    for (std::size_t p = 0; p < s.parameters.size(); ++p) out[p] = sampled_value(s, c, p);
    return out;
}

SweepMember sweep_member(const SweepFile& s, std::size_t index) {
    const std::size_t count = sweep_member_count(s);
    if (index >= count)
        throw std::out_of_range("member " + std::to_string(index) + " is past the end of the sweep (" +
                                std::to_string(count) + " members, counted from 0)");
    SweepMember m;
    m.index = index;
    const std::size_t reps = s.seeds.size(), combos = sweep_combinations(s);
    m.replication = index % reps;
    m.combination = (index / reps) % combos;
    m.variant = index / reps / combos;
    m.values = combination_values(s, m.combination);
    m.seed = s.seeds[m.replication];
    const SweepVariant& v = s.variants[m.variant];
    m.scenario = v.scenario;
    for (const auto& [key, value] : v.sets) m.sets.push_back(key + "=" + value);
    for (std::size_t p = 0; p < s.parameters.size(); ++p) m.sets.push_back(s.parameters[p].key + "=" + m.values[p]);
    m.sets.push_back("seed=" + std::to_string(m.seed));

    // What the member runs, not where it sits in the sweep; the variant by name and content; its
    // base as the file writes it, so that the sweep file named by another path (a Slurm task
    // names it absolutely) gives the same ids.
    sim::ContentHash h;
    h.add(std::string_view("citytwin-sweep-member-1"));
    h.add(std::string_view(v.name));
    h.add(std::string_view(v.scenario_as_written));
    h.add_size(m.sets.size());
    for (const std::string& set : m.sets) h.add(std::string_view(set));
    m.id = h.hex();
    m.output = (s.outputs_dir.empty() ? std::string() : s.outputs_dir + "/") + m.id + ".h5";
    return m;
}

}  // namespace citytwin::io
