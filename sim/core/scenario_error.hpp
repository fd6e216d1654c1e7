#pragma once
// Errors in a scenario: where (file:line:column), which key (the dotted path) and what was
// expected. The CLI prints what() and exits with status 2.
#include <stdexcept>
#include <string>

namespace citytwin::sim {

// A place in an input file. line and column are 1-based; 0 means unknown. For values given on
// the command line, file is "--set <the override as given>" and line and column are 0.
struct SourceMark {
    std::string file;
    int line = 0;
    int column = 0;

    std::string str() const {
        std::string s = file.empty() ? std::string("<scenario>") : file;
        if (line > 0) s += ":" + std::to_string(line);
        if (line > 0 && column > 0) s += ":" + std::to_string(column);
        return s;
    }
};

class ScenarioError : public std::runtime_error {
public:
    ScenarioError(SourceMark mark, std::string key_path, const std::string& message)
        : std::runtime_error(format(mark, key_path, message)),
          mark_(std::move(mark)),
          key_path_(std::move(key_path)),
          message_(message) {}

    const SourceMark& mark() const { return mark_; }
    const std::string& key_path() const { return key_path_; }
    const std::string& message() const { return message_; }

private:
    static std::string format(const SourceMark& m, const std::string& key, const std::string& msg) {
        std::string s = m.str() + ": ";
        if (!key.empty()) s += key + ": ";
        return s + msg;
    }
    SourceMark mark_;
    std::string key_path_;
    std::string message_;
};

}  // namespace citytwin::sim
