#pragma once
// Saving and restoring a backend's state through a StateWriter / StateReader. Each device class
// lists its state once, in `template <class V> void state(V& v)`, calling
//   v.array(name, dvec)        an array of a fixed length (per lane, link, cell, bus ...)
//   v.buffer(name, dvec)       an array sized on first use (restored at the saved length)
//   v.trips(name, dvec, cols)  a per-trip array, `cols` blocks of n_trips (column-major)
//   v.host(name, vector), v.host_buffer(name, vector), v.host_trips(name, vector),
//   v.scalar(name, value)
// and StateSaver / StateLoader walk that list. Part of the per-backend translation units.
#include <algorithm>
#include <string>
#include <vector>

#include <thrust/copy.h>

#include "kernels/backend.hpp"
#include "sim/core/state_archive.hpp"

namespace citytwin::sim {
namespace CITYTWIN_BACKEND_NS {
namespace {

template <class T>
std::vector<T> state_download(const citytwin::CITYTWIN_BACKEND_NS::dvec<T>& v) {
    std::vector<T> h(v.size());
    if (!h.empty()) thrust::copy(v.begin(), v.end(), h.begin());
    return h;
}

template <class T>
void state_upload(const std::vector<T>& h, citytwin::CITYTWIN_BACKEND_NS::dvec<T>& v) {
    v.resize(h.size());
    if (!h.empty()) thrust::copy(h.begin(), h.end(), v.begin());
}

template <class T>
struct StoredAs {
    using type = T;
};
template <>
struct StoredAs<bool> {
    using type = std::uint8_t;
};
template <>
struct StoredAs<int> {
    using type = std::int32_t;
};

class StateSaver {
public:
    StateSaver(StateWriter& w, std::string prefix) : w_(w), prefix_(std::move(prefix)) {}

    template <class T>
    void array(const char* name, const citytwin::CITYTWIN_BACKEND_NS::dvec<T>& v) {
        w_.put(prefix_ + name, state_download(v));
    }
    template <class T>
    void buffer(const char* name, const citytwin::CITYTWIN_BACKEND_NS::dvec<T>& v) {
        array(name, v);
    }
    template <class T>
    void trips(const char* name, const citytwin::CITYTWIN_BACKEND_NS::dvec<T>& v, std::size_t = 1) {
        array(name, v);
    }
    template <class T>
    void host(const char* name, const std::vector<T>& v) {
        w_.put(prefix_ + name, v);
    }
    template <class T>
    void host_buffer(const char* name, const std::vector<T>& v) {
        host(name, v);
    }
    template <class T>
    void host_trips(const char* name, const std::vector<T>& v) {
        host(name, v);
    }
    template <class T>
    void scalar(const char* name, const T& v) {
        w_.put_scalar(prefix_ + name, static_cast<typename StoredAs<T>::type>(v));
    }

private:
    StateWriter& w_;
    std::string prefix_;
};

class StateLoader {
public:
    // n_trips: this run's trip count (per-trip arrays are cols × n_trips, at least one element).
    StateLoader(const StateReader& r, std::string prefix, RestorePlan plan, std::size_t n_trips)
        : r_(r), prefix_(std::move(prefix)), plan_(plan), n_trips_(n_trips) {}

    template <class T>
    void array(const char* name, citytwin::CITYTWIN_BACKEND_NS::dvec<T>& v) {
        state_upload(r_.get<T>(prefix_ + name, v.size()), v);
    }
    template <class T>
    void buffer(const char* name, citytwin::CITYTWIN_BACKEND_NS::dvec<T>& v) {
        state_upload(r_.get<T>(prefix_ + name), v);
    }
    template <class T>
    void trips(const char* name, citytwin::CITYTWIN_BACKEND_NS::dvec<T>& v, std::size_t cols = 1) {
        if (plan_.all()) return array(name, v);
        std::vector<T> now = state_download(v);
        splice(name, now, cols);
        state_upload(now, v);
    }
    template <class T>
    void host(const char* name, std::vector<T>& v) {
        v = r_.get<T>(prefix_ + name, v.size());
    }
    template <class T>
    void host_buffer(const char* name, std::vector<T>& v) {
        v = r_.get<T>(prefix_ + name);
    }
    template <class T>
    void host_trips(const char* name, std::vector<T>& v) {
        if (plan_.all()) return host(name, v);
        splice(name, v, 1);
    }
    template <class T>
    void scalar(const char* name, T& v) {
        v = static_cast<T>(r_.get_scalar<typename StoredAs<T>::type>(prefix_ + name));
    }

private:
    // Rows [0, trips_kept) of each column from the checkpoint into `now` (this run's layout).
    template <class T>
    void splice(const char* name, std::vector<T>& now, std::size_t cols) {
        const std::vector<T> old = r_.get<T>(prefix_ + name);
        const std::size_t n_old = cols ? old.size() / cols : 0;
        if (plan_.trips_kept > n_old || (now.size() < cols * n_trips_ && n_trips_ > 0))
            throw StateMismatch("checkpoint array '" + prefix_ + name + "' holds " + std::to_string(n_old) +
                                " trips, fewer than the " + std::to_string(plan_.trips_kept) + " the fork keeps");
        for (std::size_t c = 0; c < cols; ++c)
            std::copy_n(old.begin() + static_cast<std::ptrdiff_t>(c * n_old), plan_.trips_kept,
                        now.begin() + static_cast<std::ptrdiff_t>(c * n_trips_));
    }

    const StateReader& r_;
    std::string prefix_;
    RestorePlan plan_;
    std::size_t n_trips_;
};

}  // namespace
}  // namespace CITYTWIN_BACKEND_NS
}  // namespace citytwin::sim
