// KeywordSpotting firmware: two models, one shared arena. Prints what McuAi.Build generated.
#include "console.h"
#include "micro_speech_model_data.h"
#include "micro_speech_model_settings.h"
#include "person_detection_model_data.h"
#include "person_detection_model_settings.h"

int main()
{
    console_write("McuAi.Build KeywordSpotting\n");
    console_printf_u("micro_speech array: ", static_cast<unsigned long>(g_micro_speech_model_data_size), " bytes");
    console_printf_u("micro_speech arena: ", static_cast<unsigned long>(micro_speech_tensor_arena_size), " bytes");
    console_printf_u("person_detection array: ", static_cast<unsigned long>(g_person_detection_model_data_size), " bytes");
    console_printf_u("person_detection arena: ", static_cast<unsigned long>(person_detection_tensor_arena_size), " bytes");
    unsigned long shared = micro_speech_tensor_arena_size > person_detection_tensor_arena_size
        ? micro_speech_tensor_arena_size : person_detection_tensor_arena_size;
    console_printf_u("one shared arena (models run in turn): ", shared, " bytes");
    return 0;
}
