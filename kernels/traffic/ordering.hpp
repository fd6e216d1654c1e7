#pragma once
// Keys that order the active vehicles by lane and position, and the lane segments of the
// sorted order: from them each vehicle finds its leader (the next entry on its lane), each lane
// its head and tail, and each origin link the first vehicle waiting to enter.
#include <cstdint>
#include <cstring>

#include "kernels/backend.hpp"
#include "kernels/core/atomics.hpp"
#include "kernels/traffic/traffic_view.hpp"

CT_KERNELS_BEGIN

CT_HD inline std::uint32_t float_key_bits(float x) {
    // IEEE floats order like their bit patterns once negatives have all bits flipped and
    // non-negatives the sign bit set (a vehicle still inside a junction has a negative position).
    std::uint32_t u;
    memcpy(&u, &x, sizeof u);
    return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

CT_HD inline std::int64_t key_class(std::uint64_t key) { return static_cast<std::int64_t>(key >> 32); }

// Whether a sorted entry is a running vehicle (its key class is a lane).
CT_HD inline bool running_key(std::uint64_t key, std::int32_t n_lanes) {
    return key != kKeyArrived && key_class(key) < n_lanes;
}

struct BuildKeys {
    const std::int32_t* active;   // vehicle ids
    std::uint64_t* key;
    std::int32_t* vid_out;
    std::int32_t n_lanes;
    const std::uint8_t* status;
    const std::int32_t* lane;
    const float* pos;
    const std::int32_t* origin;

    CT_HD void operator()(std::int64_t k) const {
        const std::int32_t v = active[k];
        std::uint64_t out;
        const std::uint8_t st = status[v];
        if (st == kRunning)
            out = (static_cast<std::uint64_t>(lane[v]) << 32) | float_key_bits(pos[v]);
        else if (st == kWaiting || st == kPending)
            out = (static_cast<std::uint64_t>(n_lanes + origin[v]) << 32) | static_cast<std::uint32_t>(v);
        else
            out = kKeyArrived;
        key[k] = out;
        vid_out[k] = v;
    }
};

// Empties the segments, the lane claims (kUnclaimed) and the blinker counts before
// IndexSegments marks the segments: one launch over max(lanes, links) rather than one fill per
// array, each of which wakes every worker thread on the CPU backend.
struct ResetSegments {
    OrderView o;
    std::int32_t* lane_claim;
    std::int32_t n_lanes, n_links, unclaimed;

    CT_HD void operator()(std::int64_t i) const {
        if (i < n_lanes) {
            o.lane_begin[i] = o.lane_end[i] = o.lane_tail[i] = o.lane_head[i] = -1;
            o.lane_wanted[i] = 0;
            lane_claim[i] = unclaimed;
        }
        if (i < n_links) o.queue_head[i] = -1;
    }
};

// Marks segment boundaries in the sorted order. Arrays it writes are reset to -1 beforehand.
struct IndexSegments {
    OrderView o;
    std::int32_t n_lanes, n_links;

    CT_HD void operator()(std::int64_t k) const {
        const std::uint64_t key = o.key[k];
        if (key == kKeyArrived) return;
        const std::int64_t cls = key_class(key);
        const bool first = k == 0 || key_class(o.key[k - 1]) != cls;
        const bool last = k + 1 == o.n_active || key_class(o.key[k + 1]) != cls;
        if (cls < n_lanes) {
            if (first) {
                o.lane_begin[cls] = static_cast<std::int32_t>(k);
                o.lane_tail[cls] = o.vid[k];
            }
            if (last) {
                o.lane_end[cls] = static_cast<std::int32_t>(k + 1);
                o.lane_head[cls] = o.vid[k];
            }
        } else if (cls < n_lanes + n_links && first) {
            o.queue_head[cls - n_lanes] = o.vid[k];
        }
    }
};

// The order again after lane changes, without a full sort. A vehicle changes lanes only within
// its link and a link's lanes have consecutive ids, so each link's vehicles keep one contiguous
// range of the sorted order, and only the ranges of links where a vehicle changed are out of
// order. Each is sorted on its own by insertion (stable, like the full sort, and cheap on a
// range sorted but for its changers), which gives the order a full stable sort of the new keys
// would, and its lanes get their segments again.
struct ResortChangedLinks {
    std::uint64_t* key;
    std::int32_t* vid;
    std::int32_t* lane_begin;
    std::int32_t* lane_end;
    std::int32_t* lane_tail;
    std::int32_t* lane_head;
    std::int32_t* changed;            // [link] lane changes this step; cleared here
    const std::int32_t* link_first_lane;
    const std::int32_t* link_lanes;
    const std::int32_t* lane;
    const float* pos;

    CT_HD void operator()(std::int64_t link) const {
        if (changed[link] == 0) return;
        changed[link] = 0;
        const std::int32_t first = link_first_lane[link], last = first + link_lanes[link];
        std::int32_t b = -1, e = -1;
        for (std::int32_t l = first; l < last; ++l)
            if (lane_begin[l] >= 0) {
                if (b < 0) b = lane_begin[l];
                e = lane_end[l];
            }
        if (b < 0) return;
        for (std::int32_t k = b; k < e; ++k) {
            const std::int32_t v = vid[k];
            const std::uint64_t kv = (static_cast<std::uint64_t>(lane[v]) << 32) | float_key_bits(pos[v]);
            std::int32_t j = k;
            for (; j > b && key[j - 1] > kv; --j) {
                key[j] = key[j - 1];
                vid[j] = vid[j - 1];
            }
            key[j] = kv;
            vid[j] = v;
        }
        for (std::int32_t l = first; l < last; ++l) lane_begin[l] = lane_end[l] = lane_tail[l] = lane_head[l] = -1;
        for (std::int32_t k = b; k < e; ++k) {
            const auto l = static_cast<std::int32_t>(key_class(key[k]));
            if (k == b || key_class(key[k - 1]) != l) {
                lane_begin[l] = k;
                lane_tail[l] = vid[k];
            }
            if (k + 1 == e || key_class(key[k + 1]) != l) {
                lane_end[l] = k + 1;
                lane_head[l] = vid[k];
            }
        }
    }
};

// Per-lane sums over the vehicles on it this step, for link speeds and densities. Each lane is
// summed by one thread in sorted order, so the integer totals are exact.
struct AccumulateLaneStats {
    OrderView o;
    StatsView s;
    const float* speed;

    CT_HD void operator()(std::int64_t lane) const {
        const std::int32_t b = o.lane_begin[lane];
        if (b < 0) return;
        const std::int32_t e = o.lane_end[lane];
        unsigned long long mm = 0;
        for (std::int32_t k = b; k < e; ++k)
            mm += static_cast<unsigned long long>(speed[o.vid[k]] * 1000.0f + 0.5f);
        const unsigned long long n = static_cast<unsigned long long>(e - b);
        s.lane_veh_steps[lane] += n;
        s.lane_speed_mm[lane] += mm;
        s.route_veh_steps[lane] += n;
        s.route_speed_mm[lane] += mm;
        atomic_add(&s.counters[kCountVehicleSteps], n);
    }
};

CT_KERNELS_END
