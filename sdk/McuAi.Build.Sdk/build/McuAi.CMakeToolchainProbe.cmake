# Run by McuAi.Build's CMake wrapper in script mode (cmake -DMCUAI_TOOLCHAIN_FILE=<file> -P <this file>) before
# every CMake build: evaluates the toolchain file as a configure would and prints what it chose. The wrapper
# compares that with the choice of the last configure, and configures the build folder afresh when it differs
# (a cross-compiler installed after a host build, a toolchain file edited or replaced).
include("${MCUAI_TOOLCHAIN_FILE}")

function(mcuai_probe_print key value)
  message(STATUS "MCUAI_TOOLCHAIN ${key}=${value}")
endfunction()

mcuai_probe_print(system "${CMAKE_SYSTEM_NAME}")
foreach(lang C CXX ASM)
  set(compiler "${CMAKE_${lang}_COMPILER}")
  if(compiler STREQUAL "")
    set(compiler "(host default)")
  elseif(NOT IS_ABSOLUTE "${compiler}")
    # A name found on PATH: where it is (or that it is missing) is part of the choice.
    find_program(mcuai_probe_${lang} NAMES "${compiler}")
    if(mcuai_probe_${lang})
      set(compiler "${mcuai_probe_${lang}}")
    else()
      set(compiler "${compiler} (not found)")
    endif()
  endif()
  mcuai_probe_print(${lang} "${compiler}")
endforeach()
mcuai_probe_print(sysroot "${CMAKE_SYSROOT}")
