#include "traffic_device.cpp"
