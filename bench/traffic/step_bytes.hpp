#pragma once
// Ideal bytes one traffic step moves, as bench_air counts them for cells: every array element a
// kernel reads or writes counted once per kernel that touches it, a neighbour's fields (the
// leader's position, the next sorted key) not again, and Thrust's sort as one read and one write
// of its keys and vehicle ids (its radix passes go over them several times). The counts follow
// the common path of sim/traffic/traffic_device.cpp's step on a grid of two-lane links: a
// running vehicle that follows a leader, changes no lane and serves no stop.
#include <cstdint>

namespace citytwin::bench {

struct StepBytes {
    // Per running vehicle. The sort at the step's start: BuildKeys reads the active id (4),
    // status (1), lane (4) and position (4) and writes key (8) and id (4); the sort reads and
    // writes keys and ids (24); IndexSegments reads the key (8). The compaction's sort runs
    // every 32 steps. The sort after lane changes touches only the links where a vehicle
    // changed lanes (counted per link below, its ranges not at all).
    static constexpr double kSort = 25 + 24 + 8;
    // ChangeLanes: key, id, lane, blinker (written), destination and its row, next link,
    // position, type, route lanes, speed, speed factor.
    static constexpr double kLaneChange = 8 + 11 * 4;
    // AccumulateLaneStats: id and speed.
    static constexpr double kLaneStats = 8;
    // MoveVehicles reads id, key, lane, position, speed, type, destination and row, next link,
    // the way through the junction, speed factor, the neighbours' blinker, next stop and the
    // trip's first stop (4 each, key 8), route length and time loss (8 each, read and
    // written), and writes lane, position, speed, next link and standing time.
    static constexpr double kMove = 8 + 13 * 4 + 2 * 16 + 5 * 4;
    static constexpr double kPerVehicle = (1.0 + 1.0 / 32.0) * kSort + kLaneChange + kLaneStats + kMove;

    // Per lane: per sort, four segment arrays and the claims reset and the four written at the
    // boundaries (36); the lane sums (begin, end and four 8-byte sums read and written: 72);
    // the claims (the head vehicle and its lane's link: 32); and the lane and link fields that
    // ChangeLanes and MoveVehicles look up for the lane's vehicles (about 52).
    static constexpr double kPerLane = (1.0 + 1.0 / 32.0) * 36 + 72 + 32 + 52;
    // Per link: the insertion queue's head, reset per sort and read by InsertVehicles, and the
    // count of lane changes the second sort reads.
    static constexpr double kPerLink = (1.0 + 1.0 / 32.0) * 4 + 4 + 4;
    // Per connection: SignalStates reads its plan, slot and fixed state and writes its state.
    static constexpr double kPerConnection = 4 + 4 + 1 + 1;

    // Bytes per vehicle update of a step with `running` vehicles on this network.
    static double per_update(double running, std::int32_t lanes, std::int32_t links, std::int32_t connections) {
        if (running <= 0.0) return 0.0;
        return kPerVehicle + (kPerLane * lanes + kPerLink * links + kPerConnection * connections) / running;
    }
};

}  // namespace citytwin::bench
