#pragma once
// A request the viewer cannot answer, with the HTTP status to send (400, 404).
#include <stdexcept>
#include <string>

namespace citytwin::viz {

class ViewRequestError : public std::runtime_error {
public:
    ViewRequestError(int http_status, const std::string& message) : std::runtime_error(message), status(http_status) {}
    int status;
};

}  // namespace citytwin::viz
