#include "air_device.cpp"
