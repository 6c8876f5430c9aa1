# Shared CMake logic of the samples: the generated model files, TFLM when TFLM_DIR is given, the
# Cortex-M4 start-up, a size report after linking, and a run in QEMU when qemu-system-arm is installed.
#
#   mcuai_sample(<target> <sources...>)
#
# MCUAI_MODELS_CMAKE (set by McuAi.Build's CMake wrapper) names the generated mcuai_models.cmake.
# Models with Runtime="c" are compiled to C (MCUAI_C_SOURCES): they need nothing else.
# TFLM_DIR: a tflite-micro checkout; TFLM_LIB: its built libtensorflow-microlite.a
# (make -f tensorflow/lite/micro/tools/make/Makefile TARGET=cortex_m_generic TARGET_ARCH=cortex-m4+fp microlite).
# MCUAI_SAMPLE_RUN (ON by default): run the Cortex-M4 image in QEMU after linking; a non-zero exit fails the build.

if(NOT MCUAI_MODELS_CMAKE)
  message(FATAL_ERROR "MCUAI_MODELS_CMAKE is not set: build this sample with `dotnet build`, which generates the model sources first.")
endif()
include(${MCUAI_MODELS_CMAKE})

set(MCUAI_SAMPLE_COMMON ${CMAKE_CURRENT_LIST_DIR})
option(MCUAI_SAMPLE_RUN "Run the Cortex-M4 image in QEMU after linking" ON)
# QEMU's virtual clock advances 2^shift ns per instruction: the firmware turns timer ticks into instructions with it.
set(MCUAI_QEMU_ICOUNT_SHIFT 5)

function(mcuai_sample target)
  set(sources ${ARGN} ${MCUAI_SAMPLE_COMMON}/console.c ${MCUAI_SAMPLE_COMMON}/timer.c)
  set(model_sources ${MCUAI_SOURCES})
  set(can_run 1)
  if(TFLM_DIR)
    if(NOT TFLM_LIB)
      file(GLOB_RECURSE TFLM_LIB "${TFLM_DIR}/gen/*/lib/libtensorflow-microlite.a")
    endif()
    message(STATUS "McuAi sample: TFLM from ${TFLM_DIR} (${TFLM_LIB}): building the op resolver and the model API too")
  elseif(MCUAI_TFLM_SOURCES)
    # The TFLM runtime's resolver and model API include TFLM headers; models compiled to C need nothing.
    set(model_sources ${MCUAI_DATA_SOURCES} ${MCUAI_C_SOURCES})
    set(names "")
    foreach(f ${MCUAI_TFLM_SOURCES})
      get_filename_component(n ${f} NAME)
      list(APPEND names ${n})
    endforeach()
    message(STATUS "McuAi sample: TFLM_DIR not set, so skipping the sources that need TensorFlow Lite Micro: ${names} (and the op resolver headers). Pass -p:TflmDir=<tflite-micro checkout> to build them.")
    set(can_run 0)
  endif()

  add_executable(${target} ${sources} ${model_sources})
  # The models compiled to C are always optimized (also in Debug builds), as the instruction counts printed assume.
  if(MCUAI_C_SOURCES)
    set_source_files_properties(${MCUAI_C_SOURCES} PROPERTIES COMPILE_OPTIONS "-O2")
  endif()
  target_include_directories(${target} PRIVATE ${MCUAI_INCLUDE_DIRS} ${MCUAI_SAMPLE_COMMON})
  target_compile_features(${target} PRIVATE cxx_std_17)
  target_compile_definitions(${target} PRIVATE MCUAI_SAMPLE_CAN_RUN=${can_run} MCUAI_QEMU_ICOUNT_SHIFT=${MCUAI_QEMU_ICOUNT_SHIFT})
  if(MCUAI_COMPILE_OPTIONS)
    target_compile_options(${target} PRIVATE ${MCUAI_COMPILE_OPTIONS})
  endif()
  if(MCUAI_LINK_LIBRARIES)
    target_link_libraries(${target} PRIVATE ${MCUAI_LINK_LIBRARIES})
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
    set(qemu_command ${MCUAI_QEMU} -M mps2-an386 -nographic -semihosting -icount shift=${MCUAI_QEMU_ICOUNT_SHIFT} -kernel $<TARGET_FILE:${target}>)
    add_custom_command(TARGET ${target} POST_BUILD
      COMMAND ${CMAKE_COMMAND} -E echo "McuAi sample: Cortex-M4 image $<TARGET_FILE_NAME:${target}> (flash = text + data, RAM = data + bss):"
      COMMAND ${MCUAI_SIZE} $<TARGET_FILE:${target}>
      VERBATIM)
    if(MCUAI_QEMU)
      if(MCUAI_SAMPLE_RUN)
        # A hung image must not hang the build: coreutils' timeout stops QEMU when it is there.
        find_program(MCUAI_TIMEOUT timeout)
        set(guard "")
        if(MCUAI_TIMEOUT)
          set(guard ${MCUAI_TIMEOUT} 300)
        endif()
        add_custom_command(TARGET ${target} POST_BUILD
          COMMAND ${CMAKE_COMMAND} -E echo "McuAi sample: running $<TARGET_FILE_NAME:${target}> in QEMU (mps2-an386, Cortex-M4):"
          COMMAND ${guard} ${qemu_command}
          VERBATIM)
      endif()
      add_custom_target(run-qemu COMMAND ${qemu_command} DEPENDS ${target} USES_TERMINAL VERBATIM)
    else()
      add_custom_command(TARGET ${target} POST_BUILD
        COMMAND ${CMAKE_COMMAND} -E echo "McuAi sample: qemu-system-arm not found, so the image was not run (install QEMU to run it after each build)."
        VERBATIM)
    endif()
  else()
    add_custom_command(TARGET ${target} POST_BUILD
      COMMAND ${CMAKE_COMMAND} -E echo "McuAi sample: built $<TARGET_FILE_NAME:${target}> for the HOST (no arm-none-eabi-gcc); running it:"
      COMMAND $<TARGET_FILE:${target}>
      VERBATIM)
  endif()
endfunction()
