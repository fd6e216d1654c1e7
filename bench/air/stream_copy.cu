#include "stream_copy.cpp"
