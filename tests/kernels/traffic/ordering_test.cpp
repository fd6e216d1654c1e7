// The order after lane changes (kernels/traffic/ordering.hpp): re-sorting only the links where a
// vehicle changed lanes gives the order, and the lane segments, that a full stable sort of every
// key gives, on random networks with ties in position, vehicles inside junctions (negative
// positions), vehicles waiting to enter and arrived ones in the list.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include "kernels/traffic/lane_claims.hpp"
#include "kernels/traffic/ordering.hpp"

namespace citytwin {
namespace {

namespace k = kernels;

struct Net {
    std::int32_t links = 0, lanes = 0;
    std::vector<std::int32_t> first_lane, n_lanes, lane_link;
};

Net random_net(std::mt19937& rng, std::int32_t links) {
    Net n;
    n.links = links;
    for (std::int32_t l = 0; l < links; ++l) {
        const auto c = static_cast<std::int32_t>(1 + rng() % 4);
        n.first_lane.push_back(n.lanes);
        n.n_lanes.push_back(c);
        for (std::int32_t i = 0; i < c; ++i) n.lane_link.push_back(l);
        n.lanes += c;
    }
    return n;
}

struct Order {
    std::vector<std::uint64_t> key;
    std::vector<std::int32_t> vid, begin, end, tail, head, queue, claim, wanted, inside;

    explicit Order(const Net& n, std::size_t active)
        : key(active), vid(active), begin(n.lanes), end(n.lanes), tail(n.lanes), head(n.lanes), queue(n.links),
          claim(n.lanes), wanted(n.lanes), inside(n.lanes, -1) {}

    k::OrderView view() {
        return k::OrderView{static_cast<std::int64_t>(key.size()), key.data(), vid.data(), begin.data(), end.data(),
                            tail.data(), head.data(), queue.data(), claim.data(), inside.data(), wanted.data()};
    }
};

struct Vehicles {
    std::vector<std::uint8_t> status;
    std::vector<std::int32_t> lane, origin;
    std::vector<float> pos;
};

// The full sort as the step's first one does it: keys of `active` in its order, a stable sort,
// the segments emptied and marked.
void full_sort(const Net& n, const Vehicles& v, const std::vector<std::int32_t>& active, Order& o) {
    const auto m = static_cast<std::int64_t>(active.size());
    std::vector<std::uint64_t> keys(active.size());
    std::vector<std::int32_t> ids(active.size());
    const k::BuildKeys build{active.data(), keys.data(), ids.data(), n.lanes, v.status.data(), v.lane.data(),
                             v.pos.data(), v.origin.data()};
    for (std::int64_t i = 0; i < m; ++i) build(i);
    std::vector<std::size_t> idx(active.size());
    std::iota(idx.begin(), idx.end(), std::size_t{0});
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    for (std::size_t i = 0; i < idx.size(); ++i) {
        o.key[i] = keys[idx[i]];
        o.vid[i] = ids[idx[i]];
    }
    const k::ResetSegments reset{o.view(), o.claim.data(), n.lanes, n.links, k::kUnclaimed};
    for (std::int64_t i = 0; i < std::max(n.lanes, n.links); ++i) reset(i);
    const k::IndexSegments index{o.view(), n.lanes, n.links};
    for (std::int64_t i = 0; i < m; ++i) index(i);
}

class ResortChangedLinks : public ::testing::TestWithParam<std::uint32_t> {};

TEST_P(ResortChangedLinks, GivesTheFullStableSortsOrderAndSegments) {
    std::mt19937 rng(GetParam());
    const Net n = random_net(rng, 40);
    const std::int32_t trips = 600;
    Vehicles v;
    for (std::int32_t t = 0; t < trips; ++t) {
        const std::uint32_t r = rng() % 10;
        v.status.push_back(r < 7 ? k::kRunning : r < 9 ? k::kWaiting : k::kArrived);
        v.lane.push_back(static_cast<std::int32_t>(rng() % static_cast<std::uint32_t>(n.lanes)));
        v.origin.push_back(static_cast<std::int32_t>(rng() % static_cast<std::uint32_t>(n.links)));
        // A coarse grid of positions, so that some vehicles tie; some inside the junction.
        v.pos.push_back(static_cast<float>(static_cast<int>(rng() % 40) - 4) * 2.5f);
    }
    std::vector<std::int32_t> active(trips);
    std::iota(active.begin(), active.end(), 0);
    std::shuffle(active.begin(), active.end(), rng);

    Order o(n, active.size());
    full_sort(n, v, active, o);

    // Lane changes within the link, counted per link, as ChangeLanes does.
    std::vector<std::int32_t> changed(n.links, 0);
    int changes = 0;
    for (std::int32_t t = 0; t < trips; ++t) {
        if (v.status[t] != k::kRunning || rng() % 4 != 0) continue;
        const std::int32_t link = n.lane_link[v.lane[t]];
        if (n.n_lanes[link] < 2) continue;
        const std::int32_t li = v.lane[t] - n.first_lane[link];
        const std::int32_t to = li + ((li == 0 || (li + 1 < n.n_lanes[link] && rng() % 2)) ? 1 : -1);
        v.lane[t] = n.first_lane[link] + to;
        ++changed[link];
        ++changes;
    }
    ASSERT_GT(changes, 20);

    // The reference: the full sort again, from the first sort's order.
    Order ref(n, active.size());
    full_sort(n, v, o.vid, ref);

    const k::ResortChangedLinks resort{o.key.data(), o.vid.data(), o.begin.data(), o.end.data(), o.tail.data(),
                                       o.head.data(), changed.data(), n.first_lane.data(), n.n_lanes.data(),
                                       v.lane.data(), v.pos.data()};
    for (std::int64_t l = 0; l < n.links; ++l) resort(l);

    EXPECT_EQ(o.key, ref.key);
    EXPECT_EQ(o.vid, ref.vid);
    EXPECT_EQ(o.begin, ref.begin);
    EXPECT_EQ(o.end, ref.end);
    EXPECT_EQ(o.tail, ref.tail);
    EXPECT_EQ(o.head, ref.head);
    EXPECT_EQ(o.queue, ref.queue);
    EXPECT_TRUE(std::all_of(changed.begin(), changed.end(), [](std::int32_t c) { return c == 0; }));
}

INSTANTIATE_TEST_SUITE_P(RandomNetworks, ResortChangedLinks, ::testing::Values(1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u));

}  // namespace
}  // namespace citytwin
