#pragma once
// The viewer's page (viz/web/), compiled into the program at build time (view_page_assets.cmake).
#include <string_view>

namespace citytwin::viz {

struct PageAsset {
    std::string_view path;          // "/", "/viewer.js", ...
    std::string_view content_type;
    std::string_view body;
};

// Every file of the page; nothing else is served.
const PageAsset* page_assets_begin();
const PageAsset* page_assets_end();

}  // namespace citytwin::viz
