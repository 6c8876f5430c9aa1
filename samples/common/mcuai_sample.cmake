# Shared CMake logic of the samples: the generated model files, TFLM when TFLM_DIR is given, the
# Cortex-M4 start-up, and a size report after linking.
#
#   mcuai_sample(<target> <sources...>)
#
# MCUAI_MODELS_CMAKE (set by McuAi.Build's CMake wrapper) names the generated mcuai_models.cmake.
# TFLM_DIR: a tflite-micro checkout; TFLM_LIB: its built libtensorflow-microlite.a
# (make -f tensorflow/lite/micro/tools/make/Makefile TARGET=cortex_m_generic TARGET_ARCH=cortex-m4+fp microlite).

if(NOT MCUAI_MODELS_CMAKE)
  message(FATAL_ERROR "MCUAI_MODELS_CMAKE is not set: build this sample with `dotnet build`, which generates the model sources first.")
endif()
include(${MCUAI_MODELS_CMAKE})

set(MCUAI_SAMPLE_COMMON ${CMAKE_CURRENT_LIST_DIR})

function(mcuai_sample target)
  set(sources ${ARGN} ${MCUAI_SAMPLE_COMMON}/console.c)
  set(model_sources ${MCUAI_SOURCES})
  if(TFLM_DIR)
    if(NOT TFLM_LIB)
      file(GLOB_RECURSE TFLM_LIB "${TFLM_DIR}/gen/*/lib/libtensorflow-microlite.a")
    endif()
    message(STATUS "McuAi sample: TFLM from ${TFLM_DIR} (${TFLM_LIB}): building the op resolver and the model API too")
  else()
    # Only the model data compiles without TFLM; the resolver and the model API include TFLM headers.
    set(skipped ${model_sources})
    if(DEFINED MCUAI_DATA_SOURCES)
      set(model_sources ${MCUAI_DATA_SOURCES})
    else()
      list(FILTER model_sources INCLUDE REGEX "_model_data\\.(c|cc|cpp)$")
    endif()
    list(REMOVE_ITEM skipped ${model_sources})
    set(names "")
    foreach(f ${skipped})
      get_filename_component(n ${f} NAME)
      list(APPEND names ${n})
    endforeach()
    message(STATUS "McuAi sample: TFLM_DIR not set, so skipping the sources that need TensorFlow Lite Micro: ${names} (and the op resolver headers). Pass -p:TflmDir=<tflite-micro checkout> to build them.")
  endif()

  add_executable(${target} ${sources} ${model_sources})
  target_include_directories(${target} PRIVATE ${MCUAI_INCLUDE_DIRS} ${MCUAI_SAMPLE_COMMON})
  target_compile_features(${target} PRIVATE cxx_std_17)
  if(MCUAI_COMPILE_OPTIONS)
    target_compile_options(${target} PRIVATE ${MCUAI_COMPILE_OPTIONS})
  endif()
  if(TFLM_DIR)
    target_compile_definitions(${target} PRIVATE MCUAI_SAMPLE_HAVE_TFLM=1 TF_LITE_STATIC_MEMORY)
    target_include_directories(${target} PRIVATE ${TFLM_DIR} ${TFLM_DIR}/tensorflow/lite/micro/tools/make/downloads/flatbuffers/include
      ${TFLM_DIR}/tensorflow/lite/micro/tools/make/downloads/gemmlowp)
    target_link_libraries(${target} PRIVATE ${TFLM_LIB})
  endif()

  if(CMAKE_CROSSCOMPILING)
    target_sources(${target} PRIVATE ${MCUAI_SAMPLE_COMMON}/startup_cm4.c)
    target_link_options(${target} PRIVATE -T${MCUAI_SAMPLE_COMMON}/mps2_an386.ld -Wl,-Map=$<TARGET_FILE:${target}>.map)
    find_program(MCUAI_SIZE arm-none-eabi-size)
    find_program(MCUAI_QEMU qemu-system-arm)
    add_custom_command(TARGET ${target} POST_BUILD
      COMMAND ${CMAKE_COMMAND} -E echo "McuAi sample: Cortex-M4 image $<TARGET_FILE_NAME:${target}> (flash = text + data, RAM = data + bss):"
      COMMAND ${MCUAI_SIZE} $<TARGET_FILE:${target}>
      VERBATIM)
    if(MCUAI_QEMU)
      add_custom_target(run-qemu
        COMMAND ${MCUAI_QEMU} -M mps2-an386 -nographic -semihosting -kernel $<TARGET_FILE:${target}>
        DEPENDS ${target} USES_TERMINAL VERBATIM)
    endif()
  else()
    add_custom_command(TARGET ${target} POST_BUILD
      COMMAND ${CMAKE_COMMAND} -E echo "McuAi sample: built $<TARGET_FILE_NAME:${target}> for the HOST (no arm-none-eabi-gcc); run it to see the model facts."
      VERBATIM)
  endif()
endfunction()
