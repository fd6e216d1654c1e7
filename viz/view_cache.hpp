#pragma once
// The viewer's recent answers, bounded in bytes: scrubbing back and forth over a few frames
// reads the file once, and a long session never holds more than the bound.
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace citytwin::viz {

class ViewCache {
public:
    explicit ViewCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}
    std::optional<std::string> find(const std::string& key);
    // An answer larger than the bound is not kept.
    void put(const std::string& key, std::string value);
    std::size_t bytes() const;

private:
    using Entry = std::pair<std::string, std::string>;   // key, answer; most recent first
    mutable std::mutex mutex_;
    std::list<Entry> order_;
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    std::size_t bytes_ = 0, max_bytes_;
};

}  // namespace citytwin::viz
