#pragma once
// Frames to a video through the ffmpeg program (never its libraries, whose Debian build is
// GPL): PNG frames are piped to `ffmpeg -f image2pipe`, which encodes H.264 (.mp4) or VP9 (.webm).
#include <cairo.h>

#include <cstdio>
#include <string>

namespace citytwin::viz {

class VideoPipe {
public:
    // Starts ffmpeg writing `path`; throws std::runtime_error when ffmpeg is not installed.
    VideoPipe(const std::string& path, double fps);
    ~VideoPipe();
    VideoPipe(const VideoPipe&) = delete;
    VideoPipe& operator=(const VideoPipe&) = delete;

    void write(cairo_surface_t* frame);
    // Waits for ffmpeg; throws std::runtime_error when it failed (its messages are on stderr).
    void finish();

private:
    std::string path_;
    FILE* pipe_ = nullptr;
};

// `ffmpeg` on the PATH.
bool ffmpeg_available();

}  // namespace citytwin::viz
