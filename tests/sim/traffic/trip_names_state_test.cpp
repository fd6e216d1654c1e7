// The trips' source names go through a checkpoint with the trip table, and a fork that splices
// trips keeps the names of the trips it keeps and of the new scenario's later ones.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <vector>

#include "sim/traffic/trip_table_state.hpp"
#include "test_networks.hpp"

namespace citytwin {
namespace {

// Arrays by name, as a checkpoint file keeps them.
class Archive final : public sim::StateWriter, public sim::StateReader {
public:
    void put(const std::string& name, sim::StateType type, const void* data, std::size_t count) override {
        Entry& e = entries_[name];
        e.type = type;
        e.count = count;
        e.bytes.assign(static_cast<const char*>(data), static_cast<const char*>(data) + count * sim::state_type_size(type));
    }
    bool has(const std::string& name) const override { return entries_.contains(name); }
    std::size_t count(const std::string& name, sim::StateType type) const override {
        const auto it = entries_.find(name);
        if (it == entries_.end() || it->second.type != type) throw sim::StateMismatch("no " + name);
        return it->second.count;
    }
    void get(const std::string& name, sim::StateType type, void* data, std::size_t count) const override {
        if (this->count(name, type) != count) throw sim::StateMismatch("length of " + name);
        const std::vector<char>& bytes = entries_.at(name).bytes;
        if (!bytes.empty()) std::memcpy(data, bytes.data(), bytes.size());  // an empty array's data() may be null
    }
    void overwrite_i64(const std::string& name, std::size_t i, std::int64_t v) {
        std::memcpy(entries_.at(name).bytes.data() + i * 8, &v, 8);
    }

private:
    struct Entry {
        sim::StateType type{};
        std::size_t count = 0;
        std::vector<char> bytes;
    };
    std::map<std::string, Entry> entries_;
};

sim::NetworkSpec road() {
    sim::NetworkSpec spec;
    spec.nodes = {test::node("A", 0, 0), test::node("B", 500, 0), test::node("C", 1000, 0)};
    spec.links = {test::link("A", "B", 500, 13.89, 1), test::link("B", "C", 500, 13.89, 1)};
    return spec;
}

std::vector<sim::TripSpec> named(const std::vector<std::pair<double, std::string>>& trips) {
    std::vector<sim::TripSpec> out;
    for (const auto& [depart, name] : trips) {
        out.push_back(test::trip(depart, "A-B", "B-C"));
        out.back().id = name;
    }
    return out;
}

TEST(TripNamesState, GoThroughACheckpointWithTheTripTable) {
    const auto s = test::setup_for(road(), named({{0, "a"}, {5, ""}, {9, "ü-long name"}}));
    Archive archive;
    sim::save_trip_table(archive, s.trips);
    EXPECT_EQ(sim::load_trip_table(archive).name, (std::vector<std::string>{"a", "", "ü-long name"}));
    // A table without names writes none and reads back none.
    const auto plain = test::setup_for(road(), named({{0, ""}, {1, ""}}));
    Archive none;
    sim::save_trip_table(none, plain.trips);
    EXPECT_FALSE(none.has("setup/trips/name_end"));
    EXPECT_TRUE(sim::load_trip_table(none).name.empty());
    // An end past the characters is refused, not read out of bounds.
    archive.overwrite_i64("setup/trips/name_end", 1, 1000);
    EXPECT_THROW(sim::load_trip_table(archive), sim::StateMismatch);
}

TEST(TripNamesState, AForkKeepsTheNamesOfTheTripsItSplices) {
    const auto parent = test::setup_for(road(), named({{0, "p0"}, {10, "p1"}, {20, "p2"}, {30, "p3"}}));
    Archive archive;
    sim::save_trip_table(archive, parent.trips);
    // Two trips released by t = 15 s; the variant's own trips after that follow.
    auto variant = test::setup_for(road(), named({{0, "v0"}, {18, "v1"}, {40, ""}}));
    const auto spliced = sim::splice_trips(sim::load_trip_table(archive), 2, 15.0, std::move(variant));
    EXPECT_EQ(spliced.trips.name, (std::vector<std::string>{"p0", "p1", "v1", ""}));
    // Neither side named: no names.
    const auto plain = test::setup_for(road(), named({{0, ""}, {30, ""}}));
    Archive none;
    sim::save_trip_table(none, plain.trips);
    EXPECT_TRUE(sim::splice_trips(sim::load_trip_table(none), 1, 15.0, test::setup_for(road(), named({{20, ""}}))).trips.name.empty());
}

}  // namespace
}  // namespace citytwin
