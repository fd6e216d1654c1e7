#pragma once
// FNV-1a, 64 bit: the fingerprint of input files, networks and trip tables that checkpoints
// record, and the checksum over a checkpoint's arrays. It detects change and corruption; it is
// not meant to resist a forger.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace citytwin::sim {

class ContentHash {
public:
    void add(const void* data, std::size_t bytes) {
        const auto* p = static_cast<const unsigned char*>(data);
        std::uint64_t h = h_;
        for (std::size_t i = 0; i < bytes; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
        h_ = h;
    }
    void add(std::string_view s) {
        add_size(s.size());
        add(s.data(), s.size());
    }
    template <class T>
    void add(const std::vector<T>& v) {
        add_size(v.size());
        add(v.data(), v.size() * sizeof(T));
    }
    void add_size(std::uint64_t n) { add(&n, sizeof n); }
    std::uint64_t value() const { return h_; }
    std::string hex() const {
        static const char* digits = "0123456789abcdef";
        std::string out(16, '0');
        for (int i = 0; i < 16; ++i) out[15 - i] = digits[(h_ >> (4 * i)) & 0xf];
        return out;
    }

private:
    std::uint64_t h_ = 0xcbf29ce484222325ull;
};

}  // namespace citytwin::sim
