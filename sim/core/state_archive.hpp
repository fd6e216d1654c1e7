#pragma once
// Where a domain's state goes in a checkpoint, and where it comes back from: named, typed arrays
// and scalars. sim knows only this interface; io/checkpoint implements it with HDF5. Names are
// paths ("traffic/vehicles/pos0"); each domain describes its state once, in one list that both
// saving and restoring walk (DeviceTraffic::state, DevicePower::state, ...).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace citytwin::sim {

enum class StateType : std::uint8_t { u8, i8, i32, u32, i64, u64, f32, f64 };

template <class T>
constexpr StateType state_type_of() {
    if constexpr (std::is_same_v<T, std::uint8_t>) return StateType::u8;
    else if constexpr (std::is_same_v<T, std::int8_t>) return StateType::i8;
    else if constexpr (std::is_same_v<T, std::int32_t>) return StateType::i32;
    else if constexpr (std::is_same_v<T, std::uint32_t>) return StateType::u32;
    else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, long long>) return StateType::i64;
    else if constexpr (std::is_same_v<T, std::uint64_t> || std::is_same_v<T, unsigned long long>) return StateType::u64;
    else if constexpr (std::is_same_v<T, float>) return StateType::f32;
    else if constexpr (std::is_same_v<T, double>) return StateType::f64;
    else static_assert(sizeof(T) == 0, "no checkpoint type for this element type");
}

inline const char* state_type_name(StateType t) {
    switch (t) {
        case StateType::u8: return "uint8";
        case StateType::i8: return "int8";
        case StateType::i32: return "int32";
        case StateType::u32: return "uint32";
        case StateType::i64: return "int64";
        case StateType::u64: return "uint64";
        case StateType::f32: return "float32";
        case StateType::f64: return "float64";
    }
    return "?";
}

inline std::size_t state_type_size(StateType t) {
    switch (t) {
        case StateType::u8:
        case StateType::i8: return 1;
        case StateType::i32:
        case StateType::u32:
        case StateType::f32: return 4;
        case StateType::i64:
        case StateType::u64:
        case StateType::f64: return 8;
    }
    return 0;
}


// A checkpoint that does not fit the run restoring it (a missing array, another length or type).
class StateMismatch : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class StateWriter {
public:
    virtual ~StateWriter() = default;
    virtual void put(const std::string& name, StateType type, const void* data, std::size_t count) = 0;

    template <class T>
    void put(const std::string& name, const std::vector<T>& v) {
        put(name, state_type_of<T>(), v.data(), v.size());
    }
    template <class T>
    void put_scalar(const std::string& name, T value) {
        put(name, state_type_of<T>(), &value, 1);
    }
};

class StateReader {
public:
    virtual ~StateReader() = default;
    virtual bool has(const std::string& name) const = 0;
    // Element count of an array; throws StateMismatch when it is missing or of another type.
    virtual std::size_t count(const std::string& name, StateType type) const = 0;
    virtual void get(const std::string& name, StateType type, void* data, std::size_t count) const = 0;

    template <class T>
    std::vector<T> get(const std::string& name) const {
        std::vector<T> v(count(name, state_type_of<T>()));
        get(name, state_type_of<T>(), v.data(), v.size());
        return v;
    }
    // An array whose length the restoring run knows: anything else is a mismatch.
    template <class T>
    std::vector<T> get(const std::string& name, std::size_t expected) const {
        const std::size_t n = count(name, state_type_of<T>());
        if (n != expected)
            throw StateMismatch("checkpoint array '" + name + "' has " + std::to_string(n) + " elements, this run has " +
                                std::to_string(expected));
        std::vector<T> v(n);
        get(name, state_type_of<T>(), v.data(), n);
        return v;
    }
    template <class T>
    T get_scalar(const std::string& name) const {
        T v{};
        if (count(name, state_type_of<T>()) != 1) throw StateMismatch("checkpoint value '" + name + "' is not a scalar");
        get(name, state_type_of<T>(), &v, 1);
        return v;
    }
};

// How per-trip arrays come back. On resume every row comes from the checkpoint (and the
// lengths must match). A fork whose later departures changed runs a trip table that is the
// checkpoint's first `trips_kept` trips (those released before the fork) followed by new ones:
// those rows come from the checkpoint, the others keep the state of a fresh run.
struct RestorePlan {
    static constexpr std::size_t kAll = static_cast<std::size_t>(-1);
    std::size_t trips_kept = kAll;
    bool all() const { return trips_kept == kAll; }
};

}  // namespace citytwin::sim
