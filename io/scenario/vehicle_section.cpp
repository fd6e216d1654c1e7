// vehicle_types: a map id -> IDM parameters, speed factor and electric-vehicle data.
// Missing values keep the struct's defaults (SUMO's passenger car).
#include <algorithm>

#include "io/scenario/physical_ranges.hpp"
#include "io/scenario/sections.hpp"

namespace citytwin::io {

namespace {

constexpr double kDefaultChargerKw = 7.2;

void read_speed_factor(const Field& f, sim::VehicleTypeSpec& t) {
    if (f.is_scalar()) {
        // A plain number is a fixed factor: no spread, and nothing to clip it to.
        t.speed_factor_mean = f.positive_number(ranges::kSpeedFactorMax);
        t.speed_factor_dev = 0.0;
        t.speed_factor_min = t.speed_factor_mean;
        t.speed_factor_max = t.speed_factor_mean;
        return;
    }
    const MapReader m(f, {"mean", "dev", "min", "max"});
    if (auto v = m.get("mean")) t.speed_factor_mean = v->positive_number(ranges::kSpeedFactorMax);
    if (auto v = m.get("dev")) t.speed_factor_dev = v->non_negative_number(ranges::kSpeedFactorMax);
    if (auto v = m.get("min")) t.speed_factor_min = v->non_negative_number(ranges::kSpeedFactorMax);
    if (auto v = m.get("max")) t.speed_factor_max = v->positive_number(ranges::kSpeedFactorMax);
    if (t.speed_factor_min > t.speed_factor_max)
        f.fail("min (" + format_number(t.speed_factor_min) + ") must not exceed max (" +
               format_number(t.speed_factor_max) + ")");
    if (t.speed_factor_mean < t.speed_factor_min || t.speed_factor_mean > t.speed_factor_max)
        f.fail("mean (" + format_number(t.speed_factor_mean) + ") must lie between min (" +
               format_number(t.speed_factor_min) + ") and max (" + format_number(t.speed_factor_max) + ")");
}

sim::VehicleTypeSpec read_type(const std::string& id, const Field& field) {
    sim::VehicleTypeSpec t;
    t.id = id;
    t.mark = field.is_null() ? field.key_mark() : field.mark();
    if (field.is_null()) return t;  // "car:" with nothing: all defaults

    const MapReader m(field,
                      {"share", "length", "min_gap", "accel", "decel", "emergency_decel", "headway",
                       "delta", "max_speed", "speed_factor", "ev", "battery", "consumption", "charger",
                       "emission_class", "car_following", "sigma"},
                      {{"tau", "use 'headway' for SUMO's tau (the desired time gap to the leader)"}});
    // Shares are normalised: any scale works, but their sum must stay a finite number.
    if (auto f = m.get("share")) t.share = f->non_negative_number(1e6);
    if (auto f = m.get("length"))
        t.length_m = f->quantity_in(Dimension::Length, ranges::kVehicleLengthMinM, ranges::kVehicleLengthMaxM);
    if (auto f = m.get("min_gap")) t.min_gap_m = f->non_negative_quantity(Dimension::Length, ranges::kMinGapMaxM);
    if (auto f = m.get("accel")) t.accel_mps2 = f->positive_quantity(Dimension::Acceleration, ranges::kAccelMaxMps2);
    const auto decel = m.get("decel");
    const auto emergency = m.get("emergency_decel");
    if (decel) t.decel_mps2 = decel->positive_quantity(Dimension::Acceleration, ranges::kDecelMaxMps2);
    if (emergency)
        t.emergency_decel_mps2 = emergency->positive_quantity(Dimension::Acceleration, ranges::kDecelMaxMps2);
    if (t.decel_mps2 > t.emergency_decel_mps2) {
        const Field& where = emergency ? *emergency : *decel;
        where.fail("decel (" + format_number(t.decel_mps2) + " m/s^2) must not exceed emergency_decel (" +
                   format_number(t.emergency_decel_mps2) + " m/s^2)");
    }
    if (auto f = m.get("headway")) t.headway_s = f->positive_quantity(Dimension::Time, ranges::kHeadwayMaxS);
    if (auto f = m.get("delta")) t.delta = f->positive_number(ranges::kDeltaMax);
    if (auto f = m.get("max_speed")) t.max_speed_mps = f->positive_quantity(Dimension::Speed, ranges::kSpeedMaxMps);
    if (auto f = m.get("speed_factor")) read_speed_factor(*f, t);
    if (auto f = m.get("emission_class")) t.emission_class = f->text();
    if (auto f = m.get("car_following")) {
        t.car_following = f->text();
        if (t.car_following != "idm" && t.car_following != "krauss")
            f->fail("expected a car-following model idm or krauss, got " + f->describe());
    }
    if (auto f = m.get("sigma")) {
        t.sigma = f->non_negative_number();
        if (t.sigma > 1.0) f->fail("expected a driver imperfection between 0 and 1, got " + f->describe());
    }

    if (auto f = m.get("ev")) t.ev = f->boolean();
    const auto battery = m.get("battery");
    const auto consumption = m.get("consumption");
    const auto charger = m.get("charger");
    if (!t.ev) {
        for (const auto& f : {battery, consumption, charger})
            if (f) f->fail_at_key("only electric types take '" + f->path().substr(f->path().rfind('.') + 1) +
                                  "'; add 'ev: true' to vehicle type '" + id + "'");
        return t;
    }
    if (!battery) m.required("battery");
    if (!consumption) m.required("consumption");
    t.battery_kwh = battery->positive_quantity(Dimension::Energy, ranges::kBatteryMaxKwh);
    t.kwh_per_km = consumption->positive_quantity(Dimension::EnergyPerDistance, ranges::kConsumptionMaxKwhPerKm);
    t.charger_kw = charger ? charger->positive_quantity(Dimension::Power, ranges::kChargerMaxKw) : kDefaultChargerKw;
    return t;
}

}  // namespace

std::vector<sim::VehicleTypeSpec> read_vehicle_types(const std::optional<Field>& field,
                                                     const sim::SourceMark& absent) {
    std::vector<sim::VehicleTypeSpec> types;
    if (!field || field->is_null()) {
        sim::VehicleTypeSpec car;
        car.id = "car";
        car.share = 1.0;
        car.mark = absent;
        types.push_back(car);
        return types;
    }
    const MapReader m(*field);  // keys are the type ids; duplicates already rejected
    for (const auto& [id, value] : m.entries()) {
        if (id.find_first_not_of(" \t") == std::string::npos) value.fail_at_key("a vehicle type needs a name");
        types.push_back(read_type(id, value));
    }
    if (types.empty()) field->fail("no vehicle types; give at least one, or leave the section out for one 'car'");

    double total = 0.0;
    for (const sim::VehicleTypeSpec& t : types) total += t.share;
    if (total <= 0.0) field->fail("every share is 0; at least one vehicle type needs a share above 0");
    for (sim::VehicleTypeSpec& t : types) t.share /= total;
    return types;
}

}  // namespace citytwin::io
