#include "viz/video_pipe.hpp"

#include <sys/wait.h>

#include <cstdlib>
#include <stdexcept>

namespace citytwin::viz {
namespace {

// The path as one single-quoted shell word.
std::string shell_word(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

cairo_status_t to_pipe(void* closure, const unsigned char* data, unsigned int length) {
    return std::fwrite(data, 1, length, static_cast<FILE*>(closure)) == length ? CAIRO_STATUS_SUCCESS
                                                                                : CAIRO_STATUS_WRITE_ERROR;
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

bool ffmpeg_available() { return std::system("command -v ffmpeg > /dev/null 2>&1") == 0; }

VideoPipe::VideoPipe(const std::string& path, double fps) : path_(path) {
    if (!ffmpeg_available())
        throw std::runtime_error("writing '" + path + "' needs the ffmpeg program (Debian: apt-get install ffmpeg); "
                                 "or give -o FOLDER/ for PNG frames");
    char rate[32];
    std::snprintf(rate, sizeof rate, "%g", fps);
    // yuv420p: what players accept; the frame size is even for it.
    const std::string codec = ends_with(path, ".webm") ? "-c:v libvpx-vp9 -b:v 0 -crf 34 -row-mt 1 -pix_fmt yuv420p"
                                                       : "-c:v libx264 -preset medium -crf 20 -pix_fmt yuv420p -movflags +faststart";
    const std::string command = "ffmpeg -hide_banner -loglevel error -nostdin -y -f image2pipe -framerate " +
                                std::string(rate) + " -c:v png -i - " + codec + " -threads 2 " + shell_word(path);
    pipe_ = popen(command.c_str(), "w");
    if (!pipe_) throw std::runtime_error("cannot start ffmpeg for '" + path + "'");
}

VideoPipe::~VideoPipe() {
    if (pipe_) pclose(pipe_);
}

void VideoPipe::write(cairo_surface_t* frame) {
    if (cairo_surface_write_to_png_stream(frame, to_pipe, pipe_) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("ffmpeg stopped taking frames for '" + path_ + "' (see its message above)");
}

void VideoPipe::finish() {
    const int status = pclose(pipe_);
    pipe_ = nullptr;
    if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        throw std::runtime_error("ffmpeg failed to write '" + path_ + "' (see its message above)");
}

}  // namespace citytwin::viz
