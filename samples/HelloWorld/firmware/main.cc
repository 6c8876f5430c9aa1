// HelloWorld firmware: prints what McuAi.Build generated for the sine model and, when built with TFLM,
// runs it for a few x values.
#include <stdio.h>

#include "console.h"
#include "hello_world_model_data.h"
#include "hello_world_model_settings.h"

#if defined(MCUAI_SAMPLE_HAVE_TFLM)
#include "hello_world_op_resolver.h"
#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/schema/schema_generated.h"

alignas(16) static unsigned char s_arena[hello_world_tensor_arena_size];

static int RunSine()
{
    const tflite::Model* model = tflite::GetModel(g_hello_world_model_data);
    static hello_world_op_resolver resolver;
    if (hello_world_register_ops(resolver) != kTfLiteOk) return 1;
    tflite::MicroInterpreter interpreter(model, resolver, s_arena, sizeof s_arena);
    if (interpreter.AllocateTensors() != kTfLiteOk) return 2;
    TfLiteTensor* input = interpreter.input(0);
    TfLiteTensor* output = interpreter.output(0);
    for (int i = 0; i < 4; ++i)
    {
        float x = 1.57f * i;
        input->data.int8[0] = static_cast<int8_t>(x / input->params.scale + input->params.zero_point);
        if (interpreter.Invoke() != kTfLiteOk) return 3;
        float y = (output->data.int8[0] - output->params.zero_point) * output->params.scale;
        char line[64];
        snprintf(line, sizeof line, "sin(%d.%02d) ~ %d/1000\n", static_cast<int>(x), static_cast<int>(x * 100) % 100, static_cast<int>(y * 1000));
        console_write(line);
    }
    console_printf_u("arena used: ", static_cast<unsigned long>(interpreter.arena_used_bytes()), " bytes");
    return 0;
}
#endif

int main()
{
    console_write("McuAi.Build HelloWorld\n");
    console_printf_u("model array: ", static_cast<unsigned long>(g_hello_world_model_data_size), " bytes (in flash)");
    // Reading the array keeps it in the image (the linker drops unused data) and checks it is intact.
    char identifier[] = "model identifier: ....\n";
    for (int i = 0; i < 4; ++i) identifier[18 + i] = static_cast<char>(g_hello_world_model_data[4 + i]);
    console_write(identifier);
    console_printf_u("tensor arena: ", static_cast<unsigned long>(hello_world_tensor_arena_size), " bytes (planned by McuAi.Build)");
#if defined(MCUAI_SAMPLE_HAVE_TFLM)
    return RunSine();
#else
    console_write("built without TFLM (set TFLM_DIR to run the model)\n");
    return 0;
#endif
}
