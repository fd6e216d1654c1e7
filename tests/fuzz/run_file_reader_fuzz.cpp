// Run-file reader (`citytwin info`): the input is an HDF5 file, read and summarised as text
// and JSON. Any exception other than the reader's OutputError is a finding.
#include <cstddef>
#include <cstdint>

#include "io/output/run_reader.hpp"
#include "tests/fuzz/fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = citytwin::fuzz::input_file(data, size, "fuzz.h5");
    try {
        const citytwin::io::RunSummary summary = citytwin::io::read_run_summary(path);
        citytwin::io::format_info_text(summary);
        citytwin::io::format_info_json(summary);
    } catch (const citytwin::io::OutputError&) {
    }
    return 0;
}
