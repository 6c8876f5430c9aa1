// KeywordSpotting firmware: two models, one shared arena. Prints what McuAi.Build generated.
#include "console.h"
#include "mcuai_models.h"
#include "micro_speech_model_data.h"
#include "micro_speech_model_settings.h"
#include "person_detection_model_data.h"
#include "person_detection_model_settings.h"

// Reading the arrays keeps them in the image (the linker drops unused data) and checks they are intact.
static void PrintIdentifier(const char* name, const unsigned char* model)
{
    char line[64] = {0};
    const char* prefix = name;
    unsigned n = 0;
    while (*prefix && n < 40) line[n++] = *prefix++;
    const char* mid = " identifier: ";
    while (*mid) line[n++] = *mid++;
    for (int i = 4; i < 8; ++i) line[n++] = static_cast<char>(model[i]);
    line[n++] = '\n';
    console_write(line);
}

int main()
{
    console_write("McuAi.Build KeywordSpotting\n");
    console_printf_u("micro_speech array: ", static_cast<unsigned long>(g_micro_speech_model_data_size), " bytes");
    console_printf_u("micro_speech arena: ", static_cast<unsigned long>(micro_speech_tensor_arena_size), " bytes");
    console_printf_u("person_detection array: ", static_cast<unsigned long>(g_person_detection_model_data_size), " bytes");
    console_printf_u("person_detection arena: ", static_cast<unsigned long>(person_detection_tensor_arena_size), " bytes");
    PrintIdentifier("micro_speech", g_micro_speech_model_data);
    PrintIdentifier("person_detection", g_person_detection_model_data);
    console_printf_u("one shared arena (models run in turn): ", static_cast<unsigned long>(mcuai_arena_size_sequential), " bytes");
    console_printf_u("two arenas (both interpreters alive): ", static_cast<unsigned long>(mcuai_arena_size_concurrent), " bytes");
    return 0;
}
