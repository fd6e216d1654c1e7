#pragma once
// A binary min-heap of link indices keyed by a cost array (ties to the lower index), with each
// link's place in it: the heap the whole-network Dijkstra searches share (next-hop tables,
// landmark costs). pos[l]: -1 not in the heap, -2 settled (popped).
#include <cstdint>

#include "kernels/backend.hpp"

CT_KERNELS_BEGIN

struct IndexHeap {
    const std::uint64_t* key;
    std::int32_t* heap;
    std::int32_t* pos;
    std::int32_t size = 0;

    CT_HD bool before(std::int32_t a, std::int32_t b) const { return key[a] < key[b] || (key[a] == key[b] && a < b); }

    CT_HD void swap_at(std::int32_t i, std::int32_t j) {
        const std::int32_t a = heap[i], b = heap[j];
        heap[i] = b; pos[b] = i;
        heap[j] = a; pos[a] = j;
    }

    CT_HD void sift_up(std::int32_t i) {
        while (i > 0) {
            const std::int32_t parent = (i - 1) / 2;
            if (!before(heap[i], heap[parent])) break;
            swap_at(i, parent);
            i = parent;
        }
    }

    CT_HD void sift_down(std::int32_t i) {
        for (;;) {
            std::int32_t m = i;
            const std::int32_t l = 2 * i + 1, r = 2 * i + 2;
            if (l < size && before(heap[l], heap[m])) m = l;
            if (r < size && before(heap[r], heap[m])) m = r;
            if (m == i) break;
            swap_at(i, m);
            i = m;
        }
    }

    // Puts x in (its key just set) or moves it up after its key fell.
    CT_HD void push_or_decrease(std::int32_t x) {
        if (pos[x] < 0) {
            heap[size] = x;
            pos[x] = size;
            ++size;
        }
        sift_up(pos[x]);
    }

    // The least link, marked settled.
    CT_HD std::int32_t pop() {
        const std::int32_t u = heap[0];
        pos[u] = -2;
        --size;
        if (size > 0) {
            heap[0] = heap[size];
            pos[heap[0]] = 0;
            sift_down(0);
        }
        return u;
    }
};

CT_KERNELS_END
