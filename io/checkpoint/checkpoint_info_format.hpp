#pragma once
// `citytwin info CKPT.h5`: what a checkpoint holds, as text or one JSON object.
#include <string>

#include "io/checkpoint/checkpoint_file.hpp"

namespace citytwin::io {

std::string format_checkpoint_text(const CheckpointReader& ck);
std::string format_checkpoint_json(const CheckpointReader& ck);

}  // namespace citytwin::io
