#include "power_device.cpp"
