#include "viz/view_cache.hpp"

namespace citytwin::viz {

std::optional<std::string> ViewCache::find(const std::string& key) {
    std::lock_guard lock(mutex_);
    const auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
}

void ViewCache::put(const std::string& key, std::string value) {
    const std::size_t size = key.size() + value.size();
    if (size > max_bytes_) return;
    std::lock_guard lock(mutex_);
    if (const auto it = index_.find(key); it != index_.end()) {
        bytes_ -= it->second->first.size() + it->second->second.size();
        order_.erase(it->second);
        index_.erase(it);
    }
    order_.emplace_front(key, std::move(value));
    index_[key] = order_.begin();
    bytes_ += size;
    while (bytes_ > max_bytes_) {
        const Entry& last = order_.back();
        bytes_ -= last.first.size() + last.second.size();
        index_.erase(last.first);
        order_.pop_back();
    }
}

std::size_t ViewCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

}  // namespace citytwin::viz
