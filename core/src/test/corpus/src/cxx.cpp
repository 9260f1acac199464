// A C++ extension: std::thread needs GLIBCXX_3.4.22 (gcc 6) from libstdc++.so.6, std::string the C++11 ABI.
#include <string>
#include <thread>

extern "C" void *PyInit__cxx(void) {
    std::string s("abc");
    std::thread t([&s] { s += "def"; });
    t.join();
    return reinterpret_cast<void *>(s.size());
}
